import { randomUUID } from 'node:crypto';
import { Module, type INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import {
  EmbeddedBus,
  ExternalPublisher,
  type InboundMessage,
  MessageConsumer,
  OnMessage,
} from '@contingency/messaging';
import { MetricsRegistry } from '@contingency/observability';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { startInProcessService } from '../in-process-service';
import { ConsumerLagGauge } from './consumer-lag.gauge';
import { OutboxBacklogGauge } from './outbox-backlog.gauge';

const KEY = `lag-${randomUUID().slice(0, 8)}`;
let gate: () => void = () => undefined;
const released = new Promise<void>((resolve) => (gate = resolve));

// Holds the first of this test's messages until the test lets it go; anyone else's pass at once.
@MessageConsumer('lag-gauge-test')
class HeldConsumer {
  @OnMessage(Topics.taAcks)
  async onAck(message: InboundMessage<typeof Topics.taAcks>, _tx: EntityManager): Promise<void> {
    if (message.key === KEY) await released;
  }
}

@Module({ providers: [HeldConsumer] })
class HeldConsumerModule {}

async function pinToEnd(groupId: string, topic: string): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const admin = new Kafka({ clientId: 'backlog-tests', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
  } finally {
    await admin.disconnect();
  }
}

describe('backlog gauges', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('backlog_gauges');
  });

  afterAll(async () => {
    gate();
    await db?.drop();
  });

  describe('consumer lag on Kafka', () => {
    let app: INestApplication;

    beforeAll(async () => {
      // Committed offsets at the end of the topic before the group starts: with none, a group that starts at
      // the end (as in-process services do) has no position Kafka could tell the lag from.
      await pinToEnd(`${KEY}-lag-gauge-test`, Topics.taAcks);
      app = await startInProcessService({
        service: 'lag-gauge-test',
        databaseUrl: db.url,
        groupPrefix: `${KEY}-`,
        features: () => [HeldConsumerModule],
      });
    }, 60_000);

    afterAll(async () => {
      gate();
      await app?.close();
    });

    const lagOfMyPartition = async (partition: string): Promise<number | undefined> => {
      const { values } = await app
        .get(MetricsRegistry)
        .registry.getSingleMetric('lag_gauge_test_consumer_lag_messages')!
        .get();
      return values.find(
        (v) =>
          v.labels.group === 'lag-gauge-test' &&
          v.labels.topic === Topics.taAcks &&
          v.labels.partition === partition,
      )?.value;
    };

    it('reports the messages behind a stuck handler on its partition, and zero once it catches up', async () => {
      const publisher = app.get(ExternalPublisher);
      for (let i = 0; i < 6; i++) {
        await publisher.publish(Topics.taAcks, KEY, {
          orderRef: `MC${randomUUID().replace(/-/g, '').toUpperCase()}`,
          status: 'ACCEPTED',
          acknowledgedAt: new Date().toISOString(),
        });
      }
      const gauge = app.get(ConsumerLagGauge);
      // The first message is in the handler, uncommitted; the five after it wait behind it.
      const stuck = await expectEventually(async () => {
        const lags = await gauge.refresh();
        const mine = lags.filter((l) => l.group === 'lag-gauge-test' && l.topic === Topics.taAcks);
        const held = mine.find((l) => l.lag >= 6);
        expect(held).toBeDefined();
        return held!;
      });
      expect(await lagOfMyPartition(String(stuck.partition))).toBeGreaterThanOrEqual(6);

      gate();
      await expectEventually(
        async () => {
          await gauge.refresh();
          expect(await lagOfMyPartition(String(stuck.partition))).toBe(0);
        },
        { timeoutMs: 30_000, intervalMs: 250 },
      );
    }, 60_000);
  });

  describe('consumer lag on the embedded bus', () => {
    it('counts the log records of a topic at or after the group offset', async () => {
      const bus = new EmbeddedBus(db.dataSource);
      const topic = `embedded-lag-${randomUUID()}`;
      const group = `group-${randomUUID()}`;
      await bus.publish(
        Array.from({ length: 5 }, (_, i) => ({
          topic,
          key: 'k',
          value: `v${i}`,
          headers: { 'message-id': randomUUID() },
        })),
      );
      const [{ seq }] = await db.dataSource.query<{ seq: string }[]>(
        'SELECT min(seq) AS seq FROM bus_log WHERE topic = $1',
        [topic],
      );
      await db.dataSource.query('INSERT INTO bus_offsets (group_id, topic, next_seq) VALUES ($1, $2, $3)', [
        group,
        topic,
        BigInt(seq) + 2n,
      ]);

      expect(await bus.consumerLag(group, [topic])).toEqual([{ topic, partition: 0, lag: 3 }]);
      expect(await bus.consumerLag(`other-${group}`, [topic])).toEqual([]);
    });
  });

  describe('outbox backlog', () => {
    it('counts due, unpublished rows and the age of the oldest, leaving scheduled retries out', async () => {
      const registry = new MetricsRegistry();
      const sut = new OutboxBacklogGauge(db.dataSource, registry.forService('outbox-gauge-test'), {
        intervalMs: 15_000,
      });
      expect(await sut.refresh()).toEqual({ pending: 0, oldestAgeSeconds: 0 });

      const row = (availableAt: string, publishedAt: string | null) =>
        db.dataSource.query(
          `INSERT INTO outbox (message_id, topic, key, payload, available_at, published_at)
           VALUES ($1, 'trades.status.v1', 'k', '{}', now() + $2::interval, now() + $3::interval)`,
          [randomUUID(), availableAt, publishedAt],
        );
      await row('-90 seconds', null); // due for 90 s
      await row('-5 seconds', null);
      await row('+10 minutes', null); // a retry scheduled later
      await row('-1 hour', '-59 minutes'); // published

      const backlog = await sut.refresh();
      expect(backlog.pending).toBe(2);
      expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(90);
      expect(backlog.oldestAgeSeconds).toBeLessThan(120);
      const text = await registry.metrics();
      expect(text).toContain('outbox_gauge_test_outbox_pending_messages 2');
      expect(text).toMatch(/outbox_gauge_test_outbox_oldest_pending_age_seconds 9\d/);
    });
  });
});
