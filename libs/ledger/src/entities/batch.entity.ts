import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BatchStatus } from '@contingency/contracts';

@Entity({ name: 'batches' })
@Check(
  'batches_status_check',
  `status IN ('VALIDATING', 'AWAITING_APPROVAL', 'RELEASED', 'COMPLETED', 'REJECTED', 'FAILED')`,
)
// A FAILED batch says why; its hash is unknown when it was refused before the whole file was read.
@Check('batches_failed_has_failure', `status <> 'FAILED' OR failure_code IS NOT NULL`)
@Check('batches_sha256_known', `sha256 IS NOT NULL OR status = 'FAILED'`)
// The same bytes are one upload, unless the earlier upload was refused as a whole (FAILED).
@Index('batches_sha256_once', ['sha256'], { unique: true, where: `status <> 'FAILED'` })
// GET /batches: newest first, keyset pages.
@Index('batches_newest_first', ['uploadedAt', 'id'])
export class BatchEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'batches_pkey' })
  id!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  /** bigint: pg returns it as a string. */
  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes!: string;

  @Column({ type: 'text' })
  status!: BatchStatus;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;

  @Column({ name: 'total_rows', type: 'integer', default: 0 })
  totalRows!: number;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
