import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { testXsdDir } from '@contingency/iso20022';
import { MetricsRegistry } from '@contingency/observability';
import { Canary, startInProcessService } from '@contingency/platform';
import { createTestDatabase, expectEventually, type SftpServer, startSftpServer } from '@contingency/testing';
import { CalastoneModule } from './calastone.module';

// The calastone-adapter's connectivity canary against a real OpenSSH server that goes away and comes back.
describe('Calastone mailbox canary', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let server: SftpServer;

  const series = async (): Promise<Record<string, number>> => {
    const registry = app.get(MetricsRegistry).registry;
    const probes = await registry.getSingleMetric('calastone_adapter_canary_probes_total')!.get();
    const last = await registry
      .getSingleMetric('calastone_adapter_canary_last_success_timestamp_seconds')!
      .get();
    return {
      ...Object.fromEntries(probes.values.map((v) => [`${v.labels.target}/${v.labels.outcome}`, v.value])),
      lastSuccess: last.values.find((v) => v.labels.target === 'calastone')!.value,
    };
  };
  const probeNow = async () => (await app.get(Canary).probeAll())['calastone-adapter/calastone'];

  beforeAll(async () => {
    server = await startSftpServer();
    for (const folder of ['outbound', 'inbound']) mkdirSync(join(server.root, folder));
    db = await createTestDatabase('calastone_canary');
    app = await startInProcessService({
      service: 'calastone-adapter',
      databaseUrl: db.url,
      groupPrefix: `calastone-canary-${randomBytes(3).toString('hex')}-`,
      // Rounds only when the test asks: the interval is longer than the test.
      env: { CANARY_INTERVAL_SECONDS: '3600' },
      features: () => [
        CalastoneModule.forRoot({
          xsdDir: testXsdDir(),
          channel: {
            outboundDir: 'outbound',
            inboundDir: 'inbound',
            localRoot: '/nonexistent',
            sftp: server.config,
          },
        }),
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await server?.stop();
  });

  it('counts a success while the server lists the outbox, failures while it is down, and recovers', async () => {
    // The first round ran at start; wait for it so that the counts below are this test's own.
    const start = await expectEventually(async () => {
      const s = await series();
      expect(s['calastone/success']).toBeGreaterThanOrEqual(1);
      return s;
    });
    expect(start.lastSuccess).toBeGreaterThan(Date.now() / 1_000 - 60);

    expect(await probeNow()).toBe('success');
    await server.kill();
    expect(await probeNow()).toBe('failure');
    expect(await probeNow()).toBe('failure');

    const down = await series();
    expect(down['calastone/failure']).toBe(start['calastone/failure'] + 2);
    expect(down['calastone/success']).toBe(start['calastone/success'] + 1);
    const lastSuccessWhileUp = down.lastSuccess;

    await server.restart();
    await expectEventually(async () => expect(await probeNow()).toBe('success'), { timeoutMs: 20_000 });
    expect((await series()).lastSuccess).toBeGreaterThanOrEqual(lastSuccessWhileUp);
  }, 60_000);
});
