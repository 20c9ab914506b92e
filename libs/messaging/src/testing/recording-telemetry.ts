import {
  basicTelemetry,
  type ConsumeOutcome,
  type MessagingTelemetry,
} from '../telemetry/messaging-telemetry';

export interface RecordedOutcome {
  topic: string;
  outcome: ConsumeOutcome;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Telemetry for tests: remembers outcomes (and optionally reports each one, e.g. to a parent process). */
export function recordingTelemetry(onOutcome?: (o: RecordedOutcome) => void): MessagingTelemetry & {
  outcomes: RecordedOutcome[];
  count(outcome: ConsumeOutcome): number;
} {
  const outcomes: RecordedOutcome[] = [];
  return {
    ...basicTelemetry,
    // Retries and dead letters are what these tests provoke: quiet unless MESSAGING_TEST_LOGS=1.
    logger: process.env.MESSAGING_TEST_LOGS ? basicTelemetry.logger : quiet,
    outcomes,
    count: (outcome) => outcomes.filter((o) => o.outcome === outcome).length,
    consumed: (topic, outcome) => {
      outcomes.push({ topic, outcome });
      onOutcome?.({ topic, outcome });
    },
  };
}
