import type { DataSource } from 'typeorm';
import { withTimeout } from '@contingency/observability';

/** Readiness: resolves when the ledger answers SELECT 1 within the timeout, rejects otherwise. */
export async function pingLedger(dataSource: DataSource, timeoutMs = 2_000): Promise<void> {
  if (!dataSource.isInitialized) throw new Error('ledger: not connected');
  // A pool with every connection busy times out here too, which is what readiness should report.
  await withTimeout(
    () => dataSource.query('SELECT 1'),
    timeoutMs,
    `ledger: no answer within ${timeoutMs} ms`,
  );
}
