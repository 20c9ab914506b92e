import { OutboxRelay } from '../relay/outbox-relay';
import type { ClaimedRow } from '../relay/outbox-queries';

/**
 * The relay with a crash switch for the exactly-once test: with RELAY_CRASH_AFTER_PUBLISH=1 the
 * process SIGKILLs itself after the bus took a batch and before the rows are marked published.
 */
export class CrashingOutboxRelay extends OutboxRelay {
  protected override published(rows: readonly ClaimedRow[]): Promise<void> {
    if (rows.length > 0 && process.env.RELAY_CRASH_AFTER_PUBLISH === '1') {
      process.stdout.write(`${JSON.stringify({ crashing: rows.length })}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    return Promise.resolve();
  }
}
