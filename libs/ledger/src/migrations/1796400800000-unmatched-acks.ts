import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ack-ingestor's parked acknowledgments (libs/acks, raw SQL, no entity): answers for an order
 * reference no trade has yet, or for a trade whose dispatch is not recorded yet (still RELEASED). Each is
 * applied, and its row deleted, in one transaction once its trade is there. `match_refs` holds the order
 * refs it may belong to (its OrdrRef, then those our MsgIds stand for); `ack_id` makes parking idempotent.
 */
export class UnmatchedAcks1796400800000 implements MigrationInterface {
  name = 'UnmatchedAcks1796400800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unmatched_acks (
        id         bigserial PRIMARY KEY,
        source     text NOT NULL CHECK (source IN ('ta-feed', 'calastone')),
        ack_id     text NOT NULL CONSTRAINT unmatched_acks_ack_once UNIQUE,
        order_ref  text,
        match_refs text[] NOT NULL,
        ack        jsonb NOT NULL,
        parked_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX unmatched_acks_match_refs ON unmatched_acks USING gin (match_refs)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unmatched_acks`);
  }
}
