import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '@contingency/testing';

// `npm start` as a user runs it: the compiled standalone app on PGlite, data under DATA_DIR.
describe('standalone process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'contingency-standalone-'));
  const port = 24_000 + Math.floor(Math.random() * 900);
  const env = {
    DATA_DIR: dataDir,
    CONTINGENCY_MODE: undefined,
    DATABASE_URL: undefined,
    KAFKA_BROKERS: undefined,
  };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves health, readiness, metrics and the console; stops cleanly on SIGINT; keeps its data', async () => {
    const started = Date.now();
    const first = await startApp('standalone', env, { port });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${first.url}/metrics`)).text()).toMatch(/_http_requests_total/);
    expect(await (await fetch(`${first.url}/`)).text()).toMatch(/Mosaic Contingency/);
    // The simulators run in the process, and the sandbox admin key written to DATA_DIR opens their drill routes.
    const adminKey = readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim();
    const simulated = await fetch(`${first.url}/sim/casie/orders`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(simulated.status).toBe(200);
    expect((await fetch(`${first.url}/sim/casie/orders`)).status).toBe(401);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(readFileSync(first.logFile, 'utf8')).toMatch(/ledger migrations applied: InitialLedger/);

    // The second start finds the migrated ledger in DATA_DIR and does not migrate again.
    const second = await startApp('standalone', env, { port: port + 1 });
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    expect(await second.stop()).toBe(0);
    expect(readFileSync(second.logFile, 'utf8')).toMatch(/ledger migrations applied: none/);
  }, 90_000);
});
