import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { MetricsRegistry } from '@contingency/observability';
import { Canary } from '@contingency/platform';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { CANARY_ORDER_REF } from './casie.canary';
import { startAdapterApp } from './testing/adapter-app';

// The casie-adapter's canary: a status query for an order that never exists, against a Casie that answers
// and against a URL where nothing listens.
describe('Casie canary', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let casie: Server;
  const seen: IncomingMessage[] = [];
  const apps: INestApplication[] = [];

  const start = async (baseUrl: string) => {
    const app = await startAdapterApp({
      databaseUrl: db.url,
      groupPrefix: `casie-canary-${randomBytes(3).toString('hex')}-`,
      casie: { baseUrl, timeoutMs: 2_000 },
    });
    apps.push(app);
    return app;
  };
  const count = async (app: INestApplication, outcome: string): Promise<number> => {
    const { values } = await app
      .get(MetricsRegistry)
      .registry.getSingleMetric('casie_adapter_canary_probes_total')!
      .get();
    return values.find((v) => v.labels.target === 'casie' && v.labels.outcome === outcome)?.value ?? NaN;
  };

  beforeAll(async () => {
    db = await createTestDatabase('casie_canary');
    casie = createServer((req, res) => {
      seen.push(req);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"reason":"not received"}');
    });
    await new Promise<void>((resolve) => casie.listen(0, '127.0.0.1', resolve));
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    casie?.close();
    await db?.drop();
  });

  it('asks Casie for the canary order only with a GET, and counts its 404 as a success', async () => {
    const app = await start(`http://127.0.0.1:${(casie.address() as AddressInfo).port}`);
    // The round the canary runs at start, counted before this test's own.
    await expectEventually(async () => expect(await count(app, 'success')).toBeGreaterThanOrEqual(1));
    const before = { success: await count(app, 'success'), failure: await count(app, 'failure') };

    expect(await app.get(Canary).probeAll()).toEqual({ 'casie-adapter/casie': 'success' });

    expect(await count(app, 'success')).toBe(before.success + 1);
    expect(await count(app, 'failure')).toBe(before.failure);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    for (const req of seen) expect([req.method, req.url]).toEqual(['GET', `/orders/${CANARY_ORDER_REF}`]);
    await app.close();
    apps.pop();
  }, 60_000);

  it('counts a failure when nothing answers at CASIE_URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const app = await start(`http://127.0.0.1:${port}`);
    await expectEventually(async () => expect(await count(app, 'failure')).toBeGreaterThanOrEqual(1));
    const before = await count(app, 'failure');

    expect(await app.get(Canary).probeAll()).toEqual({ 'casie-adapter/casie': 'failure' });
    expect(await app.get(Canary).probeAll()).toEqual({ 'casie-adapter/casie': 'failure' });

    expect(await count(app, 'failure')).toBe(before + 2);
  }, 60_000);
});
