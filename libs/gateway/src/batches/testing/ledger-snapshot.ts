import type { DataSource } from 'typeorm';

export interface LedgerSnapshot {
  batches: number;
  trades: number;
  history: number;
  outbox: number;
}

/** FOR TESTS: how many rows the upload path writes to, to prove a refusal left nothing behind. */
export async function ledgerSnapshot(dataSource: DataSource): Promise<LedgerSnapshot> {
  const [row] = await dataSource.query<LedgerSnapshot[]>(
    `SELECT (SELECT count(*)::int FROM batches) AS batches, (SELECT count(*)::int FROM trades) AS trades,
            (SELECT count(*)::int FROM trade_history) AS history, (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  return row;
}
