import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { Headers } from '@contingency/contracts';
import { withTimeout } from '@contingency/observability';
import { headersOf } from './kafka-records';
import { retryingKafka } from './kafka-retry';
import type { PublishedRef } from './message-bus';

interface Range {
  topic: string;
  partition: number;
  from: bigint;
  /** The high watermark when the scan began: the first offset we do not need to read. */
  to: bigint;
}

const SCAN_TIMEOUT_MS = 120_000;

/**
 * Reads the topics' records written since `since` (from the offsets the broker gives for that time up
 * to the high watermarks of now) and returns which of the wanted message ids are among them. Used for
 * the relay's in-doubt rows, so it runs rarely; a throwaway consumer group does the reading.
 */
export async function scanForPublished(
  kafka: Kafka,
  admin: Admin,
  refs: readonly PublishedRef[],
  since: Date,
): Promise<Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const ref of refs) wanted.set(ref.topic, (wanted.get(ref.topic) ?? new Set()).add(ref.messageId));
  const ranges = await rangesSince(admin, [...wanted.keys()], since);
  const found = new Set<string>();
  if (ranges.length === 0) return found;

  const groupId = `published-scan.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  const open = new Map(ranges.map((r) => [`${r.topic}/${r.partition}`, r]));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(ranges.map((r) => r.topic))] });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = open.get(`${batch.topic}/${batch.partition}`);
        if (!range) return;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= range.to) break;
          const id = headersOf(message.headers)[Headers.messageId];
          if (id && wanted.get(batch.topic)?.has(id)) found.add(id);
        }
        if (BigInt(batch.lastOffset()) + 1n >= range.to) open.delete(`${batch.topic}/${batch.partition}`);
        if (open.size === 0 || found.size === refs.length) finish();
        return Promise.resolve();
      },
    });
    for (const r of ranges)
      consumer.seek({ topic: r.topic, partition: r.partition, offset: r.from.toString() });
    await withTimeout(
      () => finished,
      SCAN_TIMEOUT_MS,
      `scanning for published messages took over ${SCAN_TIMEOUT_MS} ms`,
    );
    return found;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}

async function rangesSince(admin: Admin, topics: string[], since: Date): Promise<Range[]> {
  const ranges: Range[] = [];
  for (const topic of topics) {
    const [starts, highs] = await retryingKafka(() =>
      Promise.all([
        admin.fetchTopicOffsetsByTimestamp(topic, since.getTime()),
        admin.fetchTopicOffsets(topic),
      ]),
    );
    for (const start of starts) {
      const high = highs.find((h) => h.partition === start.partition);
      const from = BigInt(start.offset);
      const to = BigInt(high?.high ?? start.offset);
      if (from < to) ranges.push({ topic, partition: start.partition, from, to });
    }
  }
  return ranges;
}
