import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Not, type EntityManager } from 'typeorm';
import type { BatchStatus } from '@contingency/contracts';
import { assertBatchCreatedAs, assertBatchTransition, type BatchInitialStatus } from './batch-state-machine';
import { BatchEntity } from './entities/batch.entity';
import { ConcurrentUpdateError, DuplicateBatchError, NotFoundError } from './errors';
import { hydrate, queryRows, requireTransaction } from './sql';

export interface NewBatch {
  id?: string;
  fileName: string;
  /** Null only for a FAILED batch refused before its whole file was read. */
  sha256: string | null;
  sizeBytes: number | string;
  uploadedBy: string;
  totalRows?: number;
  /** A file refused as a whole is recorded directly as FAILED, with its failure. */
  status?: BatchInitialStatus;
  failure?: BatchFailure;
}

export interface BatchFailure {
  code: string;
  message: string;
}

export interface BatchChange {
  actor: string;
  /** The approver's or rejecter's comment. */
  comment?: string;
  failure?: BatchFailure;
  expectedVersion?: number;
}

// Who decided a batch: the approver for RELEASED/REJECTED.
const DECISIONS: readonly BatchStatus[] = ['RELEASED', 'REJECTED'];

/** The partial unique index that lets only one live batch hold a file's bytes. */
export const SHA256_UNIQUE_INDEX = 'batches_sha256_once';

/** A PostgreSQL unique violation on the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

@Injectable()
export class BatchLedger {
  /** Throws DuplicateBatchError when the same bytes are already a batch that did not fail. */
  async create(tx: EntityManager, batch: NewBatch): Promise<BatchEntity> {
    requireTransaction(tx, 'BatchLedger.create');
    const status = batch.status ?? 'VALIDATING';
    assertBatchCreatedAs(status, batch.id);
    if (status === 'FAILED' && !batch.failure) throw new Error('a FAILED batch is created with its failure');
    if (status !== 'FAILED' && batch.sha256 === null) throw new Error(`a ${status} batch needs its sha256`);
    // ON CONFLICT rather than catching the violation: the caller's transaction stays usable.
    const [row] = await queryRows(
      tx,
      `INSERT INTO batches (id, file_name, sha256, size_bytes, uploaded_by, total_rows, status,
                            failure_code, failure_message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (sha256) WHERE status <> 'FAILED' DO NOTHING
       RETURNING *`,
      [
        batch.id ?? randomUUID(),
        batch.fileName,
        batch.sha256,
        String(batch.sizeBytes),
        batch.uploadedBy,
        batch.totalRows ?? 0,
        status,
        batch.failure?.code ?? null,
        batch.failure?.message ?? null,
      ],
    );
    if (!row) {
      const sha256 = batch.sha256 ?? '';
      const existing = await tx.findOneByOrFail(BatchEntity, {
        sha256,
        status: Not('FAILED' as const),
      });
      throw new DuplicateBatchError(sha256, existing.id);
    }
    return hydrate(tx, BatchEntity, row);
  }

  /**
   * The upload creates its batch at the first row (the trades reference it), before the file's hash is
   * known: under this placeholder, unique per batch and never a hex SHA-256, so it collides with nothing.
   */
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

  /**
   * What the upload learns only at the end of the stream, recorded before its commit. Throws a unique
   * violation on SHA256_UNIQUE_INDEX when another upload committed the same bytes meanwhile.
   */
  async recordFile(
    tx: EntityManager,
    batchId: string,
    file: { sha256: string; sizeBytes: number; totalRows: number },
  ): Promise<void> {
    requireTransaction(tx, 'BatchLedger.recordFile');
    const rows = await queryRows(
      tx,
      `UPDATE batches SET sha256 = $2, size_bytes = $3, total_rows = $4, updated_at = now()
       WHERE id = $1 RETURNING id`,
      [batchId, file.sha256, String(file.sizeBytes), file.totalRows],
    );
    if (rows.length !== 1) throw new Error(`batch ${batchId} vanished inside its own upload transaction`);
  }

  /** For uploads that learn the row count only once the stream has been read. */
  async recordTotalRows(tx: EntityManager, batchId: string, totalRows: number): Promise<void> {
    requireTransaction(tx, 'BatchLedger.recordTotalRows');
    const rows = await queryRows(
      tx,
      'UPDATE batches SET total_rows = $2, updated_at = now() WHERE id = $1 RETURNING id',
      [batchId, totalRows],
    );
    if (rows.length === 0) throw new NotFoundError('batch', batchId);
  }

  async transition(
    tx: EntityManager,
    batchId: string,
    to: BatchStatus,
    change: BatchChange,
  ): Promise<BatchEntity> {
    requireTransaction(tx, 'BatchLedger.transition');
    const current = await this.findById(tx, batchId);
    const version = change.expectedVersion ?? current.version;
    if (current.version !== version) throw new ConcurrentUpdateError('batch', batchId, version);
    assertBatchTransition(current.status, to, batchId);

    const params: unknown[] = [batchId, version, to];
    const sets = ['status = $3', 'version = version + 1', 'updated_at = now()'];
    if (DECISIONS.includes(to)) {
      sets.push(`decided_by = $${params.push(change.actor)}`, 'decided_at = now()');
      sets.push(`decision_comment = $${params.push(change.comment ?? null)}`);
    }
    if (change.failure) {
      sets.push(`failure_code = $${params.push(change.failure.code)}`);
      sets.push(`failure_message = $${params.push(change.failure.message)}`);
    }
    const [row] = await queryRows(
      tx,
      `UPDATE batches SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING *`,
      params,
    );
    if (!row) throw new ConcurrentUpdateError('batch', batchId, version);
    return hydrate(tx, BatchEntity, row);
  }

  /**
   * VALIDATING → AWAITING_APPROVAL once no trade of the batch is RECEIVED. Call it in the same
   * transaction, after deciding a trade. Returns the batch when this call flipped it, else null.
   */
  async completeValidationIfDone(tx: EntityManager, batchId: string): Promise<BatchEntity | null> {
    requireTransaction(tx, 'BatchLedger.completeValidationIfDone');
    // Two consumers deciding the last two trades would each still see the other's trade as RECEIVED
    // (neither has committed): the row lock makes the second wait for the first's commit, and its
    // next statement then sees both decisions.
    const [locked] = await queryRows<{ status: BatchStatus }>(
      tx,
      'SELECT status FROM batches WHERE id = $1 FOR UPDATE',
      [batchId],
    );
    if (!locked) throw new NotFoundError('batch', batchId);
    if (locked.status !== 'VALIDATING') return null;
    const [row] = await queryRows(
      tx,
      `UPDATE batches SET status = 'AWAITING_APPROVAL', version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'VALIDATING'
         AND NOT EXISTS (SELECT 1 FROM trades WHERE batch_id = $1 AND status = 'RECEIVED')
       RETURNING *`,
      [batchId],
    );
    return row ? hydrate(tx, BatchEntity, row) : null;
  }

  /** Throws NotFoundError when there is no such batch. */
  async findById(manager: EntityManager, id: string): Promise<BatchEntity> {
    const batch = await manager.findOneBy(BatchEntity, { id });
    if (!batch) throw new NotFoundError('batch', id);
    return batch;
  }
}
