import type { DataSource } from 'typeorm';

/** Readiness: resolves when the ledger answers SELECT 1 within the timeout, rejects otherwise. */
export async function pingLedger(dataSource: DataSource, timeoutMs = 2_000): Promise<void> {
  if (!dataSource.isInitialized) throw new Error('ledger: not connected');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`ledger: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // A pool with every connection busy times out here too, which is what readiness should report.
    await Promise.race([dataSource.query('SELECT 1'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
