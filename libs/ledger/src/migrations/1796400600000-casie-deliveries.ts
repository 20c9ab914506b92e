import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The casie-adapter's delivery state (libs/casie, raw SQL, no entity): one row per order it owes Casie.
 * A POST is counted in a committed claim before it is sent (attempts, maybe_sent), so that after a crash
 * the next worker asks Casie (GET /orders/{orderRef}) before it sends again or fails over; next_at
 * carries the retry schedule across restarts and is the lease of an in-flight claim.
 */
export class CasieDeliveries1796400600000 implements MigrationInterface {
  name = 'CasieDeliveries1796400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE casie_deliveries (
        trade_id       uuid PRIMARY KEY REFERENCES trades (id),
        order_ref      text NOT NULL,
        "order"        jsonb NOT NULL,
        attempts       integer NOT NULL DEFAULT 0,
        status_queries integer NOT NULL DEFAULT 0,
        maybe_sent     boolean NOT NULL DEFAULT false,
        next_at        timestamptz NOT NULL DEFAULT now(),
        claimed_by     text,
        claim_token    uuid,
        outcome        text CHECK (outcome IN ('DISPATCHED', 'NACKED', 'FAILED_OVER', 'DEAD_LETTERED', 'SKIPPED')),
        last_error     text,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX casie_deliveries_due ON casie_deliveries (next_at) WHERE outcome IS NULL`);
    await q.query(
      `CREATE INDEX casie_deliveries_claimed_by ON casie_deliveries (claimed_by) WHERE outcome IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE casie_deliveries`);
  }
}
