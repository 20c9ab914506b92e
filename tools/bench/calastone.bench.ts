import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CalastoneModule, SftpChannel } from '@contingency/calastone';
import { temporaryFileName } from '@contingency/iso20022';
import { startInProcessService } from '@contingency/platform';
import { createTestDatabase, startSftpServer, type SftpServer } from '@contingency/testing';
import { CalastoneIntake } from '../../libs/calastone/src/delivery/calastone-intake.service';
import { FAILOVER_FUND, seedFunds, seedReleasedOrders } from '../../libs/testing/src/released-orders';
import type { Benchmark, BenchResult } from './bench.types';

const ORDERS = Number(process.env.BENCH_CALASTONE_ORDERS ?? 2_000);
const CONCURRENCY = 16;
// As the services resolve ISO20022_XSD_DIR: from the working directory (the repository).
const XSD_DIR = resolve(process.env.ISO20022_XSD_DIR ?? '../shared/iso20022');

async function untilDispatched(ds: DataSource, batchId: string, count: number): Promise<void> {
  for (;;) {
    const [{ n }] = await ds.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM trades WHERE batch_id = $1 AND status = 'DISPATCHED'`,
      [batchId],
    );
    if (n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The same documents straight through the SFTP channel (write, rename), as many at once: the ceiling. */
async function rawSftp(server: SftpServer, document: string): Promise<number> {
  const channel = new SftpChannel({ ...server.config, outboundDir: 'raw', inboundDir: 'inbound' });
  mkdirSync(join(server.root, 'raw'));
  const content = Buffer.from(document);
  const started = performance.now();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ORDERS) {
          const name = `RAW${(next++).toString().padStart(8, '0')}.xml`;
          await channel.stage(temporaryFileName(name, '1'), content);
          await channel.publish(name, temporaryFileName(name, '1'));
        }
      }),
    );
    return ORDERS / ((performance.now() - started) / 1_000);
  } finally {
    await channel.close();
  }
}

export const calastoneAdapterBenchmark: Benchmark = {
  name: 'calastone-adapter',
  description: `${ORDERS} released orders through the calastone-adapter to a real OpenSSH SFTP server on loopback`,
  async run(): Promise<BenchResult[]> {
    process.env.LOG_LEVEL ??= 'warn';
    const db = await createTestDatabase('bench_calastone');
    const server = await startSftpServer();
    mkdirSync(join(server.root, 'outbound'));
    let adapter: INestApplication | undefined;
    try {
      await seedFunds(db.dataSource, [FAILOVER_FUND]);
      adapter = await startInProcessService({
        service: 'calastone-adapter',
        databaseUrl: db.url,
        groupPrefix: `bench-calastone-${randomBytes(3).toString('hex')}-`,
        features: () => [
          CalastoneModule.forRoot({
            xsdDir: XSD_DIR,
            channel: {
              outboundDir: 'outbound',
              inboundDir: 'inbound',
              localRoot: server.root,
              sftp: server.config,
            },
            worker: { concurrency: CONCURRENCY },
          }),
        ],
      });

      // End to end: orders on orders.calastone.v1 (outbox → relay → Kafka), built, XSD-checked, delivered.
      let started = performance.now();
      const viaKafka = await seedReleasedOrders(db.dataSource, {
        fund: FAILOVER_FUND,
        count: ORDERS,
        tag: 'bench-k',
        route: 'CALASTONE',
      });
      await untilDispatched(db.dataSource, viaKafka[0].batchId, ORDERS);
      const endToEnd = ORDERS / ((performance.now() - started) / 1_000);

      // Delivery alone: intake (build + XSD) in one transaction, then claim → stage → rename → record.
      const direct = await seedReleasedOrders(db.dataSource, {
        fund: FAILOVER_FUND,
        count: ORDERS,
        tag: 'bench-d',
        route: 'CALASTONE',
        publish: false,
      });
      started = performance.now();
      await db.dataSource.transaction((tx) => adapter!.get(CalastoneIntake).accept(tx, direct));
      await untilDispatched(db.dataSource, direct[0].batchId, ORDERS);
      const deliveryOnly = ORDERS / ((performance.now() - started) / 1_000);

      const [{ document }] = await db.dataSource.query<Array<{ document: string }>>(
        'SELECT document FROM calastone_deliveries LIMIT 1',
      );
      const raw = await rawSftp(server, document);
      const baseline = {
        tool: `ssh2 SFTP, ${CONCURRENCY} concurrent write + rename`,
        value: raw,
        unit: 'orders/s',
      };
      return [
        {
          benchmark: 'calastone-adapter',
          case: `${ORDERS} orders, orders.calastone.v1 → DISPATCHED (SFTP)`,
          value: endToEnd,
          unit: 'orders/s',
          baseline,
          ratio: raw / endToEnd,
          notes: 'outbox relay, Kafka, build + XSD, claim, stage, mark staged, rename, record',
        },
        {
          benchmark: 'calastone-adapter',
          case: `${ORDERS} orders, intake → DISPATCHED (SFTP)`,
          value: deliveryOnly,
          unit: 'orders/s',
          baseline,
          ratio: raw / deliveryOnly,
          notes: 'build + XSD in one intake transaction, then the delivery worker',
        },
      ];
    } finally {
      await adapter?.close();
      await db.drop();
      await server.stop();
    }
  },
};
