import { Kafka, logLevel } from 'kafkajs';

/** Commits a new group's offsets at the end of the topics, so that it reads only what comes next. */
export async function pinGroupToEnd(groupId: string, topics: readonly string[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'casie-tests',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const offsets = await withLeaderRetry(() => admin.fetchTopicOffsets(topic));
      await admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** A topic created a moment ago may not have elected its partition leaders yet: ask again briefly. */
async function withLeaderRetry<T>(call: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retriable = error instanceof Error && /leader|LEADER/.test(`${error.name} ${error.message}`);
      if (!retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
