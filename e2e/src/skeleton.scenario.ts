import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BatchApproval, TradeIntake } from '@contingency/gateway';
import { expectEventually } from '@contingency/testing';
import { tradeRow } from './fixtures';

export interface SkeletonParts {
  dataSource: DataSource;
  intake: TradeIntake;
  approval: BatchApproval;
  casieSimulatorUrl: string;
  /** Credentials for the simulator's drill endpoints where they are guarded (standalone). */
  headers?: Record<string, string>;
}

const statusOf = async (ds: DataSource, id: string): Promise<string> =>
  (await ds.query<Array<{ status: string }>>('SELECT status FROM trades WHERE id = $1', [id]))[0]?.status;

/**
 * The walking skeleton: a batch recorded by the gateway is validated, approved by a second person,
 * dispatched to Casie, acknowledged and confirmed by the TA, and the ledger tells the whole story.
 */
export async function runSkeletonScenario({
  dataSource,
  intake,
  approval,
  headers,
  casieSimulatorUrl,
}: SkeletonParts): Promise<void> {
  const valid = tradeRow(1);
  const unknownFund = tradeRow(2, { fundIsin: 'US0378331005' });
  const batchId = await intake.accept({
    fileName: 'skeleton.csv',
    sha256: createHash('sha256').update(`${valid.cells.clientRef}${Date.now()}`).digest('hex'),
    sizeBytes: 200,
    uploadedBy: 'operator-1',
    rows: [valid, unknownFund],
  });
  const trades = await dataSource.query<Array<{ id: string }>>(
    'SELECT id, row_number FROM trades WHERE batch_id = $1 ORDER BY row_number',
    [batchId],
  );
  const [goodId, badId] = trades.map((t) => t.id);

  await expectEventually(
    async () => {
      const [batch] = await dataSource.query<
        Array<{
          status: string;
        }>
      >('SELECT status FROM batches WHERE id = $1', [batchId]);
      expect(batch.status).toBe('AWAITING_APPROVAL');
    },
    { timeoutMs: 30_000 },
  );
  expect(await statusOf(dataSource, goodId)).toBe('VALID');
  expect(await statusOf(dataSource, badId)).toBe('INVALID');

  await expect(approval.approve(batchId, 'operator-1')).rejects.toThrow(/second person/);
  await approval.approve(batchId, 'approver-1');

  await expectEventually(async () => expect(await statusOf(dataSource, goodId)).toBe('CONFIRMED'), {
    timeoutMs: 30_000,
  });

  const history = await dataSource.query<Array<{ to_status: string; actor: string }>>(
    'SELECT to_status, actor FROM trade_history WHERE trade_id = $1 AND to_status IS NOT NULL ORDER BY id',
    [goodId],
  );
  expect(history.map((h) => h.to_status)).toEqual([
    'RECEIVED',
    'VALID',
    'RELEASED',
    'DISPATCHED',
    'ACKNOWLEDGED',
    'CONFIRMED',
  ]);
  expect(history.find((h) => h.to_status === 'RELEASED')?.actor).toBe('approver-1');

  const statusMessages = await dataSource.query<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM outbox WHERE topic = 'trades.status.v1' AND payload->>'tradeId' = $1`,
    [goodId],
  );
  expect(statusMessages[0].n).toBe(5); // one per status change after RECEIVED

  const received = (await (await fetch(`${casieSimulatorUrl}/orders`, { headers })).json()) as {
    items: Array<{ orderRef: string }>;
    duplicates: number;
  };
  const [{ order_ref: orderRef }] = await dataSource.query<
    Array<{
      order_ref: string;
    }>
  >('SELECT order_ref FROM trades WHERE id = $1', [goodId]);
  expect(received.items.filter((o) => o.orderRef === orderRef)).toHaveLength(1);
  expect(received.duplicates).toBe(0);
}
