import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['audit_log', 'trade_history'] as const;

/**
 * The audit trail says from where (the user agent beside the IP) and can be searched by actor and by
 * target, newest first (GET /api/v1/audit). TRUNCATE skips row triggers, so the append-only tables
 * refuse it with a statement trigger of their own; the application's database role (tools/db/roles.sql)
 * is not granted it either.
 */
export class AuditContext1796401100000 implements MigrationInterface {
  name = 'AuditContext1796401100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN user_agent text`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor, id)`);
    await q.query(`CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id)`);
    for (const table of APPEND_ONLY) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                     FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY) await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
    await q.query(`DROP INDEX audit_log_target`);
    await q.query(`DROP INDEX audit_log_actor`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN user_agent`);
  }
}
