import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * FOR TESTS: `count` CONFIRMED Casie trades in one batch uploaded at `uploadedAt`, written set-based
 * (generate_series) with the history rows the report reads — a hundred thousand trades in seconds,
 * where walking each through the ledger would take minutes. Returns the batch id.
 */
export async function seedBulkTrades(
  dataSource: DataSource,
  count: number,
  uploadedAt: Date,
): Promise<string> {
  const batchId = randomUUID();
  await dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO batches (id, file_name, sha256, size_bytes, status, uploaded_by, uploaded_at, total_rows,
                            decided_by, decided_at)
       VALUES ($1, 'bulk.csv', $2, 1, 'RELEASED', 'olivia.operator', $3, $4, 'adam.approver', $3)`,
      [batchId, randomBytes(32).toString('hex'), uploadedAt, count],
    );
    await tx.query(
      `INSERT INTO trades (id, batch_id, row_number, cells, client_ref, account_id, order_type, fund_isin,
                           amount, currency, trade_date, status, route, order_ref, external_refs, version)
       SELECT id, $1, g, jsonb_build_object('clientRef', 'BULK-' || g), 'BULK-' || g, 'ACC-' || (g % 97),
              'SUBSCRIPTION', 'IE00B4L5Y983', 1000 + g, 'EUR', DATE '2026-12-07', 'CONFIRMED', 'CASIE',
              'MC' || upper(replace(id::text, '-', '')), jsonb_build_object('casieOrderId', 'CASIE-' || g), 6
       FROM (SELECT g, gen_random_uuid() AS id FROM generate_series(1, $2::int) AS g) AS s`,
      [batchId, count],
    );
    await tx.query(
      `INSERT INTO trade_history (trade_id, event, from_status, to_status, actor, details, at)
       SELECT t.id, step.event, step.from_status, step.to_status, step.actor, step.details,
              $2::timestamptz + step.after
       FROM trades t
       CROSS JOIN (VALUES
         ('RECEIVED', NULL, 'RECEIVED', 'upload-gateway', '{}'::jsonb, interval '0'),
         ('STATUS_CHANGED', 'VALID', 'RELEASED', 'adam.approver', '{}'::jsonb, interval '1 minute'),
         ('STATUS_CHANGED', 'ACKNOWLEDGED', 'CONFIRMED', 'ack-ingestor',
          '{"units": "10.5", "price": "1.25", "settlementAmount": "13.125"}'::jsonb, interval '1 hour')
       ) AS step (event, from_status, to_status, actor, details, after)
       WHERE t.batch_id = $1`,
      [batchId, uploadedAt],
    );
  });
  return batchId;
}
