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
      const offsets = await admin.fetchTopicOffsets(topic);
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
