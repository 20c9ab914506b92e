import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@contingency/testing';
import { BatchUpload } from './batch-upload.service';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { testPrincipal } from '@contingency/testing';
import { generatedCsv, tradeCsv } from './testing/trade-file.samples';
import { uploadFile } from './testing/upload-client';

describe(`${BatchUpload.name} concurrency`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: BatchesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('upload_concurrency');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'));
    server = await startBatchesTestApp(db.dataSource, { dataDir, chunkRows: 700 });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes 20 uploads at once, each with its own correct counts', async () => {
    const sizes = Array.from({ length: 20 }, (_, i) => 50 + i * 173);
    const results = await Promise.all(
      sizes.map((rows, i) =>
        uploadFile(server.api, testPrincipal(`ops-${i}`, 'operator'), {
          name: `concurrent-${i}.csv`,
          bytes: generatedCsv({ rows }),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(sizes.map(() => 202));

    for (const [i, res] of results.entries()) {
      const [counts] = await db.dataSource.query(
        `SELECT b.total_rows, b.uploaded_by,
                (SELECT count(*)::int FROM trades t WHERE t.batch_id = b.id) AS trades,
                (SELECT count(*)::int FROM outbox o WHERE o.topic = 'trades.received.v1'
                   AND o.payload->>'batchId' = b.id::text) AS messages,
                (SELECT count(DISTINCT row_number)::int FROM trades t WHERE t.batch_id = b.id) AS rows
         FROM batches b WHERE b.id = $1`,
        [res.body.id],
      );
      expect(counts).toEqual({
        total_rows: sizes[i],
        uploaded_by: `ops-${i}`,
        trades: sizes[i],
        messages: sizes[i],
        rows: sizes[i],
      });
    }
  }, 60_000);

  it('lets exactly one of several simultaneous uploads of the same bytes through; the rest get 409', async () => {
    const csv = tradeCsv(1_500);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        uploadFile(server.api, testPrincipal(`ops-race-${i}`, 'operator'), { name: 'race.csv', bytes: csv }),
      ),
    );
    const accepted = results.filter((r) => r.status === 202);
    expect(accepted).toHaveLength(1);
    for (const refused of results.filter((r) => r.status !== 202)) {
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'DUPLICATE_FILE',
        details: { existingBatchId: accepted[0].body.id },
      });
    }
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM trades t JOIN batches b ON b.id = t.batch_id WHERE b.file_name = 'race.csv'`,
    );
    expect(n).toBe(1_500);
  }, 60_000);
});
