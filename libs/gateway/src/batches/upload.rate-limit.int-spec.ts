import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RateLimitModule } from '@contingency/auth';
import { createTestDatabase, testPrincipal } from '@contingency/testing';
import { startTradesTestApp, type TradesTestApp } from '../trades/testing/trades-test-app';
import { UPLOAD_RATE_LIMIT } from './batches.controller';
import { BatchesModule } from './batches.module';
import { tradeCsv } from './testing/trade-file.samples';
import { uploadFile } from './testing/upload-client';

describe('upload rate limit', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: TradesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('upload_rate_limit');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-rate-'));
    server = await startTradesTestApp(db.dataSource, [
      BatchesModule.forRoot({ dataDir }),
      RateLimitModule.forRoot(),
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`lets one user upload ${UPLOAD_RATE_LIMIT.limit} files a minute, refuses more with 429 and Retry-After, and keeps others unaffected`, async () => {
    const flooder = testPrincipal('ops-flood', 'operator');
    // Refused files count too: the limit protects the gateway, whatever the file.
    for (let i = 0; i < UPLOAD_RATE_LIMIT.limit; i++) {
      const res = await uploadFile(server.api, flooder, { name: `empty-${i}.csv`, bytes: '' });
      expect([i, res.status]).toEqual([i, 422]);
    }

    const refused = await uploadFile(server.api, flooder, { name: 'one-more.csv', bytes: tradeCsv(1) });

    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('per user') as unknown },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(UPLOAD_RATE_LIMIT.windowSeconds);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM batches WHERE file_name = 'one-more.csv'`,
    );
    expect(n).toBe(0);

    const other = await uploadFile(server.api, testPrincipal('ops-calm', 'operator'), {
      name: 'calm.csv',
      bytes: tradeCsv(1),
    });
    expect(other.status).toBe(202);
  });
});
