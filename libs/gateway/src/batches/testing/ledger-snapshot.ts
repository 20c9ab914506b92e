import type { DataSource } from 'typeorm';

export interface LedgerSnapshot {
  /** Batches that are not FAILED: the uploads that were taken. */
  batches: number;
  /** Files refused as a whole: a FAILED batch each, with no trade and no message. */
  failedBatches: number;
  trades: number;
  history: number;
  outbox: number;
}

/** FOR TESTS: how many rows the upload path writes to, to prove a refusal left nothing half-written. */
export async function ledgerSnapshot(dataSource: DataSource): Promise<LedgerSnapshot> {
  const [row] = await dataSource.query<LedgerSnapshot[]>(
    `SELECT (SELECT count(*)::int FROM batches WHERE status <> 'FAILED') AS batches,
            (SELECT count(*)::int FROM batches WHERE status = 'FAILED') AS "failedBatches",
            (SELECT count(*)::int FROM trades) AS trades,
            (SELECT count(*)::int FROM trade_history) AS history, (SELECT count(*)::int FROM outbox) AS outbox`,
  );
  return row;
}

/** FOR TESTS: the snapshot after one refused upload: one more FAILED batch, nothing else. */
export const afterOneRefusal = (before: LedgerSnapshot): LedgerSnapshot => ({
  ...before,
  failedBatches: before.failedBatches + 1,
});

export interface FailedBatchRow {
  id: string;
  fileName: string;
  sha256: string | null;
  sizeBytes: number;
  uploadedBy: string;
  failureCode: string;
  failureMessage: string;
}

/** FOR TESTS: the FAILED batches of one uploader, oldest first. */
export function failedBatchesOf(dataSource: DataSource, uploadedBy: string): Promise<FailedBatchRow[]> {
  return dataSource.query<FailedBatchRow[]>(
    `SELECT id, file_name AS "fileName", sha256, size_bytes::int AS "sizeBytes", uploaded_by AS "uploadedBy",
            failure_code AS "failureCode", failure_message AS "failureMessage"
     FROM batches WHERE status = 'FAILED' AND uploaded_by = $1 ORDER BY uploaded_at, id`,
    [uploadedBy],
  );
}

/** FOR TESTS: the newest FAILED batch. */
export async function lastFailedBatch(dataSource: DataSource): Promise<FailedBatchRow | undefined> {
  const [row] = await dataSource.query<FailedBatchRow[]>(
    `SELECT id, file_name AS "fileName", sha256, size_bytes::int AS "sizeBytes", uploaded_by AS "uploadedBy",
            failure_code AS "failureCode", failure_message AS "failureMessage"
     FROM batches WHERE status = 'FAILED' ORDER BY uploaded_at DESC, id DESC LIMIT 1`,
  );
  return row;
}
