import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { headersOf } from '../bus/kafka-records';
import { retryingKafka } from '../bus/kafka-retry';

// Test-only helpers that read Kafka independently of the code under test.

export const testBrokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

const kafka = () =>
  new Kafka({ clientId: 'messaging-tests', brokers: testBrokers(), logLevel: logLevel.NOTHING });

export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export type Offsets = Map<number, string>;

export const highWatermarks = (topic: string): Promise<Offsets> =>
  withAdmin(async (admin) => {
    const offsets = await retryingKafka(() => admin.fetchTopicOffsets(topic));
    return new Map(offsets.map((p) => [p.partition, p.high]));
  });

/** Commits a new group's offsets at the end of the topics, so that it reads only what comes next. */
export const pinGroupToEnd = (groupId: string, topics: readonly string[]): Promise<void> =>
  withAdmin(async (admin) => {
    for (const topic of topics) {
      const offsets = await retryingKafka(() => admin.fetchTopicOffsets(topic));
      const partitions = offsets.map((p) => ({ partition: p.partition, offset: p.high }));
      await admin.setOffsets({ groupId, topic, partitions });
    }
  });

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Every record of `topic` from `from` up to the end as of now, in partition order. */
export async function readTopic(topic: string, from: Offsets): Promise<TopicRecord[]> {
  const to = await highWatermarks(topic);
  const open = new Set(
    [...to].filter(([p, high]) => BigInt(from.get(p) ?? '0') < BigInt(high)).map(([p]) => p),
  );
  const records: TopicRecord[] = [];
  if (open.size === 0) return records;
  const groupId = `messaging-tests.read.${randomUUID()}`;
  const consumer = kafka().consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic] });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }) => {
        const end = BigInt(to.get(batch.partition) ?? '0');
        for (const m of batch.messages) {
          if (BigInt(m.offset) >= end) break;
          records.push({
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString() ?? '',
            value: m.value?.toString() ?? '',
            headers: headersOf(m.headers),
          });
        }
        if (BigInt(batch.lastOffset()) + 1n >= end) open.delete(batch.partition);
        if (open.size === 0) finish();
        return Promise.resolve();
      },
    });
    for (const partition of open) consumer.seek({ topic, partition, offset: from.get(partition) ?? '0' });
    await finished;
    return records;
  } finally {
    await consumer.disconnect();
    await withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
}
