import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A message written in the same transaction as the state change it announces; a relay publishes it. */
@Entity({ name: 'outbox' })
@Unique('outbox_message_id_key', ['messageId'])
// The relay's queue: only what is still to be published.
@Index('outbox_pending', ['availableAt', 'id'], { where: 'published_at IS NULL' })
@Index('outbox_pending_by_key', ['topic', 'key', 'id'], { where: 'published_at IS NULL' })
export class OutboxMessageEntity {
  /** bigserial: pg returns it as a string; also the publication order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'outbox_pkey' })
  id!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'jsonb', default: {} })
  headers!: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
