import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { type AppProcess, createTestDatabase, expectEventually, startApp } from '@contingency/testing';
import { seedAckTrades } from './testing/ack-trades';
import { statusReportXml } from './testing/setr-documents';

const FILES = 400;

// The compiled ack-ingestor (dist/, `bash tools/build.sh`) killed with SIGKILL while it works through an
// inbox of 400 Calastone status reports, then started again: every report's effect exactly once, every
// file in processed/.
describe('ack-ingestor process, killed mid-inbox', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let ingestor: AppProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'ack-ingestor-kill-'));
  const inbound = join(dataDir, 'calastone', 'inbound');
  const port = 26_000 + Math.floor(Math.random() * 900);
  const env = () => ({
    CONTINGENCY_MODE: 'distributed',
    DATABASE_URL: db.url,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    KAFKA_GROUP_PREFIX: `ack-kill-${randomBytes(3).toString('hex')}-`,
    KAFKA_START_FROM: 'latest',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  const files = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.xml'));
  const processed = () => files(join(inbound, 'processed'));

  beforeAll(async () => {
    db = await createTestDatabase('ack_kill');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await ingestor?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies each report exactly once across a SIGKILL and a restart', async () => {
    const trades = await seedAckTrades(ds, Array(FILES).fill('DISPATCHED'), { route: 'CALASTONE' });
    mkdirSync(inbound, { recursive: true });
    for (const [i, trade] of trades.entries()) {
      const xml = statusReportXml({
        orderRef: trade.orderRef,
        status: { kind: 'status', code: 'PACK' },
        dealRef: `TA${i}`,
      });
      writeFileSync(join(inbound, `report-${String(i).padStart(4, '0')}.xml`), xml);
    }

    ingestor = await startApp('ack-ingestor', env(), { port });
    await expectEventually(() => expect(processed().length).toBeGreaterThan(40), {
      timeoutMs: 30_000,
      intervalMs: 5,
    });
    await ingestor.kill();
    const atKill = processed().length;
    expect(atKill).toBeLessThan(FILES);

    ingestor = await startApp('ack-ingestor', env(), { port });
    await expectEventually(() => expect(processed()).toHaveLength(FILES), { timeoutMs: 60_000 });

    expect(files(inbound)).toEqual([]);
    const counts = await ds.query<Array<{ acknowledged: number; answers: number }>>(
      `SELECT count(*) FILTER (WHERE to_status = 'ACKNOWLEDGED')::int AS acknowledged,
              count(*) FILTER (WHERE to_status IS NULL AND event LIKE 'ACK%')::int AS answers
       FROM trade_history WHERE trade_id = ANY($1::uuid[])`,
      [trades.map((t) => t.id)],
    );
    expect(counts[0]).toEqual({ acknowledged: FILES, answers: 0 });
    const statuses = await ds.query<Array<{ status: string; n: number }>>(
      'SELECT status, count(*)::int AS n FROM trades WHERE id = ANY($1::uuid[]) GROUP BY status',
      [trades.map((t) => t.id)],
    );
    expect(statuses).toEqual([{ status: 'ACKNOWLEDGED', n: FILES }]);
    process.stdout.write(`ack-ingestor killed with ${atKill} of ${FILES} reports processed\n`);
  }, 120_000);
});
