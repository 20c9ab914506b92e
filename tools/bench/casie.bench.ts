import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { toCasieOrder } from '@contingency/casie';
import { CasieSimulator, CasieSimulatorController } from '@contingency/simulators';
import { createTestDatabase } from '@contingency/testing';
import { CasieDeliveries } from '../../libs/casie/src/delivery/casie-deliveries.repository';
import { startAdapterApp } from '../../libs/casie/src/testing/adapter-app';
import { GS_FUND, seedFunds, seedReleasedOrders } from '../../libs/testing/src/released-orders';
import type { Benchmark, BenchResult } from './bench.types';

const ORDERS = Number(process.env.BENCH_CASIE_ORDERS ?? 2_000);
const CONCURRENCY = 32;

// Casie's API alone (no TA behind it), in this process: what the adapter is measured against.
@Module({ controllers: [CasieSimulatorController], providers: [CasieSimulator] })
class CasieOnlyModule {}

async function startCasie(): Promise<{ app: INestApplication; url: string; casie: CasieSimulator }> {
  const app = await NestFactory.create(CasieOnlyModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: `${await app.getUrl()}/sim/casie`, casie: app.get(CasieSimulator) };
}

async function untilDispatched(ds: DataSource, batchIds: readonly string[], count: number): Promise<void> {
  for (;;) {
    const [{ n }] = await ds.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM trades WHERE batch_id = ANY($1::uuid[]) AND status = 'DISPATCHED'`,
      [batchIds],
    );
    if (n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The same POSTs straight from fetch, as many at once as the adapter sends: the ceiling. */
async function rawPosts(url: string, template: ReturnType<typeof toCasieOrder>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ORDERS) {
        const orderRef = `RAW${(next++).toString().padStart(8, '0')}${randomBytes(4).toString('hex')}`;
        const res = await fetch(`${url}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': orderRef },
          body: JSON.stringify({ ...template, orderRef }),
        });
        await res.text();
      }
    }),
  );
  return ORDERS / ((performance.now() - started) / 1_000);
}

export const casieAdapterBenchmark: Benchmark = {
  name: 'casie-adapter',
  description: `${ORDERS} released orders through the casie-adapter to the Casie simulator (${CONCURRENCY} in flight)`,
  async run(): Promise<BenchResult[]> {
    process.env.LOG_LEVEL ??= 'warn';
    const db = await createTestDatabase('bench_casie');
    const casie = await startCasie();
    let adapter: INestApplication | undefined;
    try {
      await seedFunds(db.dataSource, [GS_FUND]);
      adapter = await startAdapterApp({
        databaseUrl: db.url,
        groupPrefix: `bench-casie-${randomBytes(3).toString('hex')}-`,
        casie: { baseUrl: casie.url, timeoutMs: 10_000, worker: { concurrency: CONCURRENCY } },
      });

      // End to end: the orders on orders.casie.v1 (outbox → relay → Kafka), taken in, delivered, recorded.
      let started = performance.now();
      const viaKafka = await seedReleasedOrders(db.dataSource, {
        fund: GS_FUND,
        count: ORDERS,
        tag: 'bench-k',
      });
      await untilDispatched(db.dataSource, [viaKafka[0].batchId], ORDERS);
      const endToEnd = ORDERS / ((performance.now() - started) / 1_000);

      // Delivery alone: the deliveries opened directly, claim → call → record only.
      const direct = await seedReleasedOrders(db.dataSource, {
        fund: GS_FUND,
        count: ORDERS,
        tag: 'bench-d',
        publish: false,
      });
      started = performance.now();
      await db.dataSource.transaction((tx) => new CasieDeliveries().open(tx, direct));
      await untilDispatched(db.dataSource, [direct[0].batchId], ORDERS);
      const deliveryOnly = ORDERS / ((performance.now() - started) / 1_000);

      const raw = await rawPosts(casie.url, toCasieOrder(direct[0]));
      const duplicates = casie.casie.received().duplicates;
      const baseline = { tool: `fetch, ${CONCURRENCY} concurrent POSTs`, value: raw, unit: 'orders/s' };
      return [
        {
          benchmark: 'casie-adapter',
          case: `${ORDERS} orders, orders.casie.v1 → DISPATCHED`,
          value: endToEnd,
          unit: 'orders/s',
          baseline,
          ratio: raw / endToEnd,
          notes: 'outbox relay, Kafka, intake, claim, POST, record (trade transition + status message)',
        },
        {
          benchmark: 'casie-adapter',
          case: `${ORDERS} orders, claim → POST → record`,
          value: deliveryOnly,
          unit: 'orders/s',
          baseline,
          ratio: raw / deliveryOnly,
          notes: `the delivery worker alone; ${duplicates} duplicate POSTs at the simulator`,
        },
      ];
    } finally {
      await adapter?.close();
      await casie.app.close();
      await db.drop();
    }
  },
};
