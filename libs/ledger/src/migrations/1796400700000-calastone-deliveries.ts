import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calastone-adapter's delivery state (libs/calastone, raw SQL, no entity): one row per order it owes
 * Calastone, with the exact setr document it sends. A delivery is stage (temporary file) → mark staged
 * (committed) → rename → record: staged_name is set before the rename can happen, so after any crash the
 * next worker knows whether the document may be under its final name and looks before writing again.
 */
export class CalastoneDeliveries1796400700000 implements MigrationInterface {
  name = 'CalastoneDeliveries1796400700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calastone_deliveries (
        trade_id      uuid PRIMARY KEY REFERENCES trades (id),
        order_ref     text NOT NULL,
        sending       integer NOT NULL DEFAULT 1,
        message_type  text NOT NULL,
        message_id    text NOT NULL,
        file_name     text NOT NULL,
        document      text NOT NULL,
        attempts      integer NOT NULL DEFAULT 0,
        staged_name   text,
        next_at       timestamptz NOT NULL DEFAULT now(),
        claimed_by    text,
        claim_token   uuid,
        outcome       text CHECK (outcome IN ('DISPATCHED', 'DEAD_LETTERED', 'SKIPPED')),
        last_error    text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX calastone_deliveries_due ON calastone_deliveries (next_at) WHERE outcome IS NULL`,
    );
    await q.query(
      `CREATE INDEX calastone_deliveries_claimed_by ON calastone_deliveries (claimed_by) WHERE outcome IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calastone_deliveries`);
  }
}
