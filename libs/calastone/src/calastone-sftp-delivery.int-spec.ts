import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Order } from '@contingency/contracts';
import { testXsdDir } from '@contingency/iso20022';
import { MetricsRegistry } from '@contingency/observability';
import { startInProcessService } from '@contingency/platform';
import {
  countByStatus,
  createTestDatabase,
  expectEventually,
  FAILOVER_FUND,
  seedFunds,
  seedReleasedOrders,
  type SftpServer,
  startSftpServer,
} from '@contingency/testing';
import { CalastoneModule } from './calastone.module';
import { outboxFiles } from './testing/outbox-files';

// The adapter in this process delivering over SFTP to a real OpenSSH server on loopback (host key pinned,
// key authentication), on the real Kafka and PostgreSQL; the server is killed and restarted as in an outage.
describe('Calastone delivery over SFTP', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let app: INestApplication;
  let server: SftpServer;
  const tag = randomBytes(3).toString('hex');
  let seeded = 0;

  const seed = (count: number) =>
    seedReleasedOrders(ds, { fund: FAILOVER_FUND, count, tag: `${tag}${++seeded}`, route: 'CALASTONE' });
  const statuses = (orders: readonly Order[]) =>
    countByStatus(
      ds,
      orders.map((o) => o.tradeId),
    );
  const outbound = () => outboxFiles(join(server.root, 'outbound'));
  const metric = async (name: string) => {
    const text = await app.get(MetricsRegistry).registry.metrics();
    return text.split('\n').filter((line) => line.startsWith(name));
  };

  beforeAll(async () => {
    server = await startSftpServer();
    // Calastone provisions the folders; the adapter never creates folders on their server.
    for (const folder of ['outbound', 'inbound']) mkdirSync(join(server.root, folder));
    db = await createTestDatabase('calastone_sftp');
    ds = db.dataSource;
    await seedFunds(ds, [FAILOVER_FUND]);
    app = await startInProcessService({
      service: 'calastone-adapter',
      databaseUrl: db.url,
      groupPrefix: `calastone-sftp-${tag}-`,
      features: () => [
        CalastoneModule.forRoot({
          xsdDir: testXsdDir(),
          channel: {
            outboundDir: 'outbound',
            inboundDir: 'inbound',
            localRoot: '/nonexistent',
            sftp: server.config,
          },
          retry: { baseMs: 100, maxMs: 400, maxAttempts: 1_000 },
          worker: { pollMs: 50 },
        }),
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await server?.stop();
  });

  it('puts each order in the SFTP outbox once, under its final name', async () => {
    const orders = await seed(4);

    await expectEventually(async () => expect(await statuses(orders)).toEqual({ DISPATCHED: 4 }), {
      timeoutMs: 20_000,
    });
    const { finals, temporaries } = outbound();
    expect(temporaries).toEqual([]);
    for (const o of orders) expect(finals.get(`${o.orderRef}.setr.010.001.04.xml`)).toContain(o.orderRef);
  }, 30_000);

  it('retries while the SFTP server is down, says so in its metrics, and delivers once when it returns', async () => {
    await server.kill();
    const orders = await seed(3);

    await expectEventually(
      async () => {
        const retries = await ds.query<Array<{ n: number }>>(
          `SELECT count(DISTINCT trade_id)::int AS n FROM trade_history
           WHERE event = 'DELIVERY_RETRY' AND trade_id = ANY($1::uuid[])`,
          [orders.map((o) => o.tradeId)],
        );
        expect(retries[0].n).toBe(3);
      },
      { timeoutMs: 20_000 },
    );
    expect(await statuses(orders)).toEqual({ RELEASED: 3 });
    expect(await metric('calastone_adapter_mailbox_up')).toEqual(['calastone_adapter_mailbox_up 0']);
    expect((await metric('calastone_adapter_delivery_attempts_total{outcome="unavailable"}'))[0]).not.toMatch(
      / 0$/,
    );
    const names = [...outbound().finals.keys()];
    for (const o of orders) expect(names).not.toContain(`${o.orderRef}.setr.010.001.04.xml`);

    await server.restart();

    await expectEventually(async () => expect(await statuses(orders)).toEqual({ DISPATCHED: 3 }), {
      timeoutMs: 20_000,
    });
    const { finals, temporaries } = outbound();
    expect(temporaries).toEqual([]);
    for (const o of orders) expect(finals.has(`${o.orderRef}.setr.010.001.04.xml`)).toBe(true);
    expect(await metric('calastone_adapter_mailbox_up')).toEqual(['calastone_adapter_mailbox_up 1']);
  }, 60_000);
});
