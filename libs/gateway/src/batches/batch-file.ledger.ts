import { Injectable } from '@nestjs/common';
import { Not, type EntityManager } from 'typeorm';
import { BatchEntity } from '@contingency/ledger';
import { rawRows } from './raw-rows';

export const SHA256_UNIQUE_INDEX = 'batches_sha256_once';

/**
 * What the upload learns only at the end of the stream: the file's hash, size and row count. The batch
 * row is created when the first row arrives (the trades reference it) under a placeholder hash, and the
 * real one is recorded here before the commit; the unique index on sha256 settles a race between two
 * uploads of the same bytes. (A candidate for BatchLedger.)
 */
@Injectable()
export class BatchFileLedger {
  /** Unique per batch and never a hex SHA-256, so it cannot collide with a real file's hash. */
  placeholderHash(batchId: string): string {
    return `pending:${batchId}`;
  }

  /** The batch that already holds these bytes (not a FAILED one), if any. */
  async findLiveBySha256(manager: EntityManager, sha256: string): Promise<string | null> {
    const existing = await manager.findOne(BatchEntity, {
      where: { sha256, status: Not('FAILED' as const) },
      select: { id: true },
    });
    return existing?.id ?? null;
  }

  /** Throws a unique violation on SHA256_UNIQUE_INDEX when another batch committed the same bytes. */
  async recordFile(
    tx: EntityManager,
    batchId: string,
    file: { sha256: string; sizeBytes: number; totalRows: number },
  ): Promise<void> {
    const rows = await rawRows(
      tx,
      `UPDATE batches SET sha256 = $2, size_bytes = $3, total_rows = $4, updated_at = now()
       WHERE id = $1 RETURNING id`,
      [batchId, file.sha256, String(file.sizeBytes), file.totalRows],
    );
    if (rows.length !== 1) throw new Error(`batch ${batchId} vanished inside its own upload transaction`);
  }
}
