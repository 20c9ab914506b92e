import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A file refused as a whole is kept as a FAILED batch with its refusal (code and message), so that the
 * operators see it beside the others. Its hash is unknown when it was refused before the whole file
 * was read, so sha256 may be null for a FAILED batch only. GET /batches lists batches newest first.
 */
export class FailedBatches1796401200000 implements MigrationInterface {
  name = 'FailedBatches1796401200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE batches ALTER COLUMN sha256 DROP NOT NULL`);
    await q.query(`ALTER TABLE batches ADD CONSTRAINT batches_sha256_known
                   CHECK (sha256 IS NOT NULL OR status = 'FAILED')`);
    await q.query(`ALTER TABLE batches ADD CONSTRAINT batches_failed_has_failure
                   CHECK (status <> 'FAILED' OR failure_code IS NOT NULL)`);
    await q.query(`CREATE INDEX batches_newest_first ON batches (uploaded_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX batches_newest_first`);
    await q.query(`ALTER TABLE batches DROP CONSTRAINT batches_failed_has_failure`);
    await q.query(`ALTER TABLE batches DROP CONSTRAINT batches_sha256_known`);
    // FAILED batches have no trades; those without a hash cannot be kept under NOT NULL.
    await q.query(`DELETE FROM batches WHERE sha256 IS NULL`);
    await q.query(`ALTER TABLE batches ALTER COLUMN sha256 SET NOT NULL`);
  }
}
