import type { DataSource } from 'typeorm';
import { OutboxRowKeys } from '../messaging-headers';
import { queryRows } from './query-rows';

export interface ClaimedRow {
  id: string;
  message_id: string;
  topic: string;
  key: string;
  /** The payload as JSON text, published as it is (no parse and re-serialise on the hot path). */
  payload_json: string;
  headers: Record<string, string>;
  /** The claim before ours: set means a relay may have published the row already (in doubt). */
  previous_claim: Date | null;
}

/**
 * Claims the next rows in one statement (its own transaction): unpublished, due, and not leased by
 * another relay (or claimed by this relay id in a previous run). SKIP LOCKED lets relays share the table;
 * a row waits while an earlier row of its topic and key is unpublished and held elsewhere, so that
 * cooperating relays never reorder one account's messages. Future retries do not hold anything up.
 */
export async function claimRows(
  dataSource: DataSource,
  relayId: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedRow[]> {
  const claim = OutboxRowKeys.relayClaim;
  const rows = await queryRows<ClaimedRow>(
    dataSource,
    `WITH candidates AS (
       SELECT id, topic, key, claimed_at FROM outbox
        WHERE published_at IS NULL AND available_at <= now()
          AND (claimed_at IS NULL OR claimed_at < now() - $3 * interval '1 millisecond' OR headers->>'${claim}' = $1)
        ORDER BY id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     ), picked AS (
       SELECT c.* FROM candidates c
        WHERE NOT EXISTS (
          SELECT 1 FROM outbox e
           WHERE e.published_at IS NULL AND e.topic = c.topic AND e.key = c.key AND e.id < c.id
             AND (e.available_at <= now() OR e.claimed_at IS NOT NULL)
             AND e.id NOT IN (SELECT id FROM candidates))
     )
     UPDATE outbox o
        SET claimed_at = now(), headers = o.headers || jsonb_build_object('${claim}', $1::text)
       FROM picked p
      WHERE o.id = p.id
     RETURNING o.id, o.message_id, o.topic, o.key, o.payload::text AS payload_json, o.headers, p.claimed_at AS previous_claim`,
    [relayId, limit, leaseMs],
  );
  return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

export async function markPublished(dataSource: DataSource, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await dataSource.query(
    `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL,
            headers = headers - '${OutboxRowKeys.relayClaim}'
      WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

/** Keeps the claim (the rows are in doubt now: a failed send may have reached the broker) and backs off. */
export async function markFailed(
  dataSource: DataSource,
  ids: readonly string[],
  error: string,
  retryInMs: number,
): Promise<void> {
  await dataSource.query(
    `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
            available_at = now() + $3 * interval '1 millisecond'
      WHERE id = ANY($1::bigint[])`,
    [ids, error.slice(0, 2_000), retryInMs],
  );
}
