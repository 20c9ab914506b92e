import { randomUUID } from 'node:crypto';
import { Topics, type TradeStatusChanged } from '@contingency/contracts';
import { OutboxWriter } from '@contingency/ledger';
import { KafkaBus, OutboxRelay } from '@contingency/messaging';
import { createTestDatabase } from '@contingency/testing';
import type { Benchmark, BenchResult } from './bench.types';
import { kafkaProducerPerf } from './kafka-perf';

const MESSAGES = Number(process.env.BENCH_RELAY_MESSAGES ?? 50_000);
const RECORD_BYTES = 512;

/** A trades.status.v1 payload whose JSON is exactly `bytes` long, so both tools send the same size. */
function statusPayload(bytes: number): TradeStatusChanged {
  const payload: TradeStatusChanged = {
    tradeId: randomUUID(),
    batchId: randomUUID(),
    accountId: `ACC-${randomUUID().slice(0, 8)}`,
    from: 'RELEASED',
    to: 'DISPATCHED',
    route: 'CASIE',
    version: 3,
    actor: 'bench',
    reason: '',
    at: new Date().toISOString(),
  };
  payload.reason = 'x'.repeat(Math.max(0, bytes - JSON.stringify(payload).length));
  return payload;
}

export const outboxRelayBenchmark: Benchmark = {
  name: 'outbox-relay',
  description: `${MESSAGES} × ${RECORD_BYTES} B through outbox + relay to Kafka, against Kafka's ProducerPerformance`,
  async run(): Promise<BenchResult[]> {
    const db = await createTestDatabase('bench_relay');
    const bus = new KafkaBus({
      brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
      clientId: 'bench-relay',
    });
    try {
      const writer = new OutboxWriter();
      for (let done = 0; done < MESSAGES; done += 5_000) {
        const chunk = Array.from({ length: Math.min(5_000, MESSAGES - done) }, () => {
          const payload = statusPayload(RECORD_BYTES);
          return { topic: Topics.tradesStatus, key: payload.accountId, payload };
        });
        await db.dataSource.transaction((tx) => writer.enqueue(tx, chunk));
      }
      await bus.connect();
      const relay = new OutboxRelay(db.dataSource, bus, { batchSize: 500 });
      const started = process.hrtime.bigint();
      relay.start();
      for (;;) {
        const [{ n }] = await db.dataSource.query<Array<{ n: number }>>(
          'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
        );
        if (n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await relay.stop();

      const relayRate = MESSAGES / seconds;
      const kafka = kafkaProducerPerf('bench.producer-perf', MESSAGES, RECORD_BYTES);
      return [
        {
          benchmark: 'outbox-relay',
          case: `${MESSAGES} × ${RECORD_BYTES} B, acks=all`,
          value: relayRate,
          unit: 'msg/s',
          baseline: { tool: 'kafka ProducerPerformance', value: kafka.recordsPerSec, unit: 'msg/s' },
          ratio: kafka.recordsPerSec / relayRate,
          notes: `relay ${seconds.toFixed(2)} s; the relay also claims and marks every row in PostgreSQL`,
        },
      ];
    } finally {
      await bus.disconnect();
      await db.drop();
    }
  },
};
