import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '@contingency/config';
import { BatchApproval, TradeIntake } from '@contingency/gateway';
import { createServiceApp } from '@contingency/platform';
import { standaloneFeatures } from '@contingency/standalone';
import { createTestDatabase } from '@contingency/testing';
import { seedFunds } from './fixtures';
import { runSkeletonScenario } from './skeleton.scenario';

// Standalone mode's composition (the same feature list `npm start` runs): every service in one process
// on the embedded bus, with one database connection as on PGlite. (PGlite itself is exercised by
// standalone.process.int-spec.ts: it cannot load inside Jest's module sandbox, so here the same SQL runs
// on the machine's PostgreSQL.)
describe('walking skeleton, standalone mode', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const port = 23_000 + Math.floor(Math.random() * 900);
  const adminKey = randomBytes(32).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), 'contingency-skeleton-'));

  beforeAll(async () => {
    db = await createTestDatabase('skeleton_standalone');
    await seedFunds(db.dataSource);
    await db.dataSource.destroy();
    const config = loadConfig(
      { ...process.env, CONTINGENCY_MODE: 'standalone', PORT: String(port), DATA_DIR: dataDir },
      { service: 'standalone', defaultPort: port },
    );
    app = await createServiceApp(
      {
        service: 'standalone',
        defaultPort: port,
        features: (c) =>
          standaloneFeatures(c, {
            casieUrl: `http://127.0.0.1:${port}/sim/casie`,
            bootstrapAdminKey: adminKey,
          }),
      },
      config,
      db.url,
    );
    await app.listen(port, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a trade from intake to CONFIRMED on the embedded bus', async () => {
    await runSkeletonScenario({
      dataSource: app.get(DataSource),
      intake: app.get(TradeIntake),
      approval: app.get(BatchApproval),
      casieSimulatorUrl: `http://127.0.0.1:${port}/sim/casie`,
      headers: { authorization: `Bearer ${adminKey}` },
    });
  }, 90_000);

  it('refuses the simulator drill endpoint without credentials', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/sim/casie/orders`)).status).toBe(401);
  });
});
