import type { EntityManager } from 'typeorm';

export interface ProcessedMark {
  messageId: string;
  topic: string;
}

/**
 * markProcessed for a whole chunk in one statement: the message ids this consumer sees for the first time
 * (the others were processed before, or appear earlier in the same chunk). In the chunk's transaction,
 * so that the marks and the work commit together or not at all.
 */
export async function markChunkProcessed(
  tx: EntityManager,
  consumer: string,
  marks: readonly ProcessedMark[],
): Promise<Set<string>> {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) throw new Error("markChunkProcessed must run in the chunk's transaction");
  if (marks.length === 0) return new Set();
  // ON CONFLICT DO NOTHING also skips a second row with the same key within this statement.
  const result = await runner.query(
    `INSERT INTO processed_messages (consumer, message_id, topic)
     SELECT $1, m.message_id, m.topic FROM unnest($2::text[], $3::text[]) AS m(message_id, topic)
     ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id`,
    [consumer, marks.map((m) => m.messageId), marks.map((m) => m.topic)],
    true,
  );
  return new Set(((result.records ?? []) as Array<{ message_id: string }>).map((r) => r.message_id));
}
