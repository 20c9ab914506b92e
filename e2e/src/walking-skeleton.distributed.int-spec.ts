import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '@contingency/config';
import { BatchApproval, GatewayModule, TradeIntake } from '@contingency/gateway';
import { createServiceApp } from '@contingency/platform';
import { type AppProcess, createTestDatabase, expectEventually, startApp } from '@contingency/testing';
import { seedFunds } from './fixtures';
import { runSkeletonScenario } from './skeleton.scenario';

// Each service its own process on the real Kafka broker and the real PostgreSQL; the gateway's part runs
// in this process so the test can drive it. Consumer groups get a prefix of their own so that parallel
// test files never share a group.
describe('walking skeleton, distributed mode', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let gateway: INestApplication;
  const apps: AppProcess[] = [];
  const base = 20_000 + Math.floor(Math.random() * 800) * 10;

  beforeAll(async () => {
    db = await createTestDatabase('skeleton_dist');
    await seedFunds(db.dataSource);
    const env = {
      CONTINGENCY_MODE: 'distributed',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      KAFKA_GROUP_PREFIX: `skeleton-${randomBytes(3).toString('hex')}-`,
      KAFKA_START_FROM: 'latest',
    };
    const simulators = await startApp('simulators', env, { port: base + 5 });
    apps.push(simulators);
    apps.push(
      ...(await Promise.all([
        startApp('validation-service', env, { port: base + 1 }),
        startApp('casie-adapter', { ...env, CASIE_URL: `${simulators.url}/sim/casie` }, { port: base + 2 }),
        startApp('ack-ingestor', env, { port: base + 4 }),
      ])),
    );
    for (const app of apps) {
      await expectEventually(async () => expect((await fetch(`${app.url}/readyz`)).status).toBe(200), {
        timeoutMs: 30_000,
      });
    }
    const config = loadConfig(
      { ...process.env, ...env, PORT: String(base) },
      { service: 'upload-gateway', defaultPort: base },
    );
    gateway = await createServiceApp(
      { service: 'upload-gateway', defaultPort: base, features: (c) => [GatewayModule.forRoot(c)] },
      config,
    );
    await gateway.init();
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(apps.map((app) => app.stop()));
    await db?.drop();
  });

  it('takes a trade from intake to CONFIRMED through every service', async () => {
    await runSkeletonScenario({
      dataSource: gateway.get(DataSource),
      intake: gateway.get(TradeIntake),
      approval: gateway.get(BatchApproval),
      casieSimulatorUrl: `${apps[0].url}/sim/casie`,
    });
  }, 90_000);
});
