import { parsePayload, type PayloadOf, type Topic } from '@contingency/contracts';
import type { MessageBus } from './bus/message-bus';
import { basicTelemetry, type MessagingTelemetry } from './telemetry/messaging-telemetry';

/**
 * Publishes straight to the bus, without the outbox: for systems outside ours that we simulate (the TA
 * feed). Like the real feed, its records carry no message id unless the caller gives headers.
 */
export class ExternalPublisher {
  constructor(
    private readonly bus: MessageBus,
    private readonly telemetry: MessagingTelemetry = basicTelemetry,
  ) {}

  /** Validates the payload against the topic's contract (throws ContractViolation), then publishes. */
  async publish<T extends Topic>(
    topic: T,
    key: string,
    payload: PayloadOf<T>,
    headers: Record<string, string> = {},
  ): Promise<void> {
    const valid = parsePayload(topic, payload);
    await this.bus.publish([{ topic, key, value: JSON.stringify(valid), headers }]);
    this.telemetry.produced(topic, 1);
  }
}
