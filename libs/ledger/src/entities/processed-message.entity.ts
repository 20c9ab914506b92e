import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per (consumer, message): the idempotency gate of at-least-once consumers. */
@Entity({ name: 'processed_messages' })
export class ProcessedMessageEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'processed_messages_pkey' })
  consumer!: string;

  @PrimaryColumn({ name: 'message_id', type: 'text', primaryKeyConstraintName: 'processed_messages_pkey' })
  messageId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
