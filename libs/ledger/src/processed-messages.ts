import type { EntityManager } from 'typeorm';
import { queryRows, requireTransaction } from './sql';

/**
 * The idempotency gate of a consumer: true the first time (consumer, messageId) is seen, false for a
 * redelivery. Call it in the transaction that does the work, so both commit or neither does.
 */
export async function markProcessed(
  tx: EntityManager,
  consumer: string,
  messageId: string,
  topic: string,
): Promise<boolean> {
  requireTransaction(tx, 'markProcessed');
  const rows = await queryRows(
    tx,
    `INSERT INTO processed_messages (consumer, message_id, topic) VALUES ($1, $2, $3)
     ON CONFLICT (consumer, message_id) DO NOTHING RETURNING 1`,
    [consumer, messageId, topic],
  );
  return rows.length === 1;
}
