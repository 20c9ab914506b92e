import { randomBytes, randomUUID } from 'node:crypto';
import type { TradeReceived } from '@contingency/contracts';
import { createTestDatabase } from '@contingency/testing';
import { TRADES_RECEIVED_CHUNK } from './validation.consumer';
import { batchStatus, ledger, NOW, seedFunds, serviceAt } from './validation.int-fixtures';

// Not a timed assertion: it reports how long one instance takes to validate a large file, chunk by chunk
// as the consumer does (one transaction per chunk, its messages marked processed in one statement as the
// messaging layer's batch path does). A small file by default, to keep the suite quick:
// VALIDATION_BENCH_ROWS=100000 for the real measure, VALIDATION_BENCH_CHUNK to try another chunk size.
const ROWS = Number(process.env.VALIDATION_BENCH_ROWS ?? 2_000);
const CHUNK = Number(process.env.VALIDATION_BENCH_CHUNK ?? TRADES_RECEIVED_CHUNK);

describe('validation throughput', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('validation_bench');
    await seedFunds(db.dataSource);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it(`validates ${ROWS} rows on one instance`, async () => {
    const ds = db.dataSource;
    const { trades, batches } = ledger();
    const batchId = randomUUID();
    // A realistic file: a few omnibus accounts, one fund, mostly clean rows; some bad amounts, some client_refs
    // repeated, some rows with the economics of an earlier row (same account and order type 10 rows up).
    const amountOf = (i: number) => `${1000 + (i % 7919)}.${String(i % 100).padStart(2, '0')}`;
    const received: TradeReceived[] = Array.from({ length: ROWS }, (_, i) => ({
      tradeId: randomUUID(),
      batchId,
      row: i + 1,
      cells: {
        clientRef: i % 1000 === 999 ? `B-${i - 10}` : `B-${i}`,
        orderType: i % 2 ? 'SUBSCRIPTION' : 'REDEMPTION',
        fundIsin: 'IE00B4L5Y983',
        accountId: `OMNI-${i % 5}`,
        amount: i % 250 === 0 ? '1,000' : amountOf(i % 500 === 17 ? i - 10 : i),
        currency: 'EUR',
        units: '',
        tradeDate: '2026-03-30',
        settlementDate: '',
        comment: '',
      },
    }));
    const loadStarted = performance.now();
    await ds.transaction(async (tx) => {
      await batches.create(tx, {
        id: batchId,
        fileName: 'bench.csv',
        sha256: randomBytes(32).toString('hex'),
        sizeBytes: ROWS * 80,
        uploadedBy: 'olivia.operator',
        totalRows: ROWS,
      });
      await trades.insertReceived(
        tx,
        received.map((r) => ({ id: r.tradeId, batchId, rowNumber: r.row, cells: r.cells })),
      );
    });
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const sut = serviceAt();
    const started = performance.now();
    for (let i = 0; i < received.length; i += CHUNK) {
      const chunk = received.slice(i, i + CHUNK);
      await ds.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO processed_messages (consumer, message_id, topic)
           SELECT 'validation-bench', id, 'trades.received.v1' FROM unnest($1::text[]) AS id
           ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id`,
          [chunk.map((r) => r.tradeId)],
        );
        await sut.validateChunk(tx, chunk);
      });
    }
    const seconds = (performance.now() - started) / 1000;

    expect(await batchStatus(ds, batchId)).toBe('AWAITING_APPROVAL');
    const counts = await ds.query<Array<{ status: string; flagged: number; n: number }>>(
      `SELECT status, count(*) FILTER (WHERE possible_duplicate)::int AS flagged, count(*)::int AS n
         FROM trades WHERE batch_id = $1 GROUP BY status ORDER BY status`,
      [batchId],
    );
    process.stdout.write(
      `\nvalidation throughput: ${ROWS} rows in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds)} rows/s ` +
        `(chunks of ${CHUNK}, clock ${NOW.toISOString()}); loading the rows took ${loadSeconds.toFixed(1)} s; ` +
        `${JSON.stringify(counts)}\n`,
    );
  }, 600_000);
});
