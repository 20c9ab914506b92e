import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AcksModule } from '@contingency/acks';
import { CasieModule } from '@contingency/casie';
import { loadConfig } from '@contingency/config';
import { BatchApproval, GatewayModule, TradeIntake } from '@contingency/gateway';
import { createServiceApp } from '@contingency/platform';
import { SimulatorsModule } from '@contingency/simulators';
import { createTestDatabase } from '@contingency/testing';
import { ValidationModule } from '@contingency/validation';
import { seedFunds } from './fixtures';
import { runSkeletonScenario } from './skeleton.scenario';

// Standalone mode's composition: every service in one process on the embedded bus, with one database
// connection as on PGlite. (PGlite itself is exercised by standalone.process.int-spec.ts: it cannot load
// inside Jest's module sandbox, so here the same SQL runs on the machine's PostgreSQL.)
describe('walking skeleton, standalone mode', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const port = 23_000 + Math.floor(Math.random() * 900);

  beforeAll(async () => {
    db = await createTestDatabase('skeleton_standalone');
    await seedFunds(db.dataSource);
    await db.dataSource.destroy();
    const config = loadConfig(
      { ...process.env, CONTINGENCY_MODE: 'standalone', PORT: String(port) },
      { service: 'standalone', defaultPort: port },
    );
    app = await createServiceApp(
      {
        service: 'standalone',
        defaultPort: port,
        features: () => [
          GatewayModule,
          ValidationModule,
          CasieModule.forRoot({ baseUrl: `http://127.0.0.1:${port}/sim/casie`, timeoutMs: 5_000 }),
          AcksModule,
          SimulatorsModule,
        ],
      },
      config,
      db.url,
    );
    await app.listen(port, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('takes a trade from intake to CONFIRMED on the embedded bus', async () => {
    await runSkeletonScenario({
      dataSource: app.get(DataSource),
      intake: app.get(TradeIntake),
      approval: app.get(BatchApproval),
      casieSimulatorUrl: `http://127.0.0.1:${port}/sim/casie`,
    });
  }, 90_000);
});
