import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { TradeStatus } from '@contingency/contracts';
import { TradeEntity } from './trade.entity';

/** Append-only (a trigger refuses UPDATE and DELETE): every status change and notable event of a trade. */
@Entity({ name: 'trade_history' })
@Index('trade_history_trade', ['tradeId', 'id'])
export class TradeHistoryEntity {
  /** bigserial: pg returns it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'trade_history_pkey' })
  id!: string;

  @Column({ name: 'trade_id', type: 'uuid' })
  tradeId!: string;

  @ManyToOne(() => TradeEntity, { nullable: false })
  @JoinColumn({ name: 'trade_id', foreignKeyConstraintName: 'trade_history_trade_id_fkey' })
  trade?: TradeEntity;

  /** RECEIVED, STATUS_CHANGED, or an event without a status change (DELIVERY_ATTEMPT, FAILOVER...). */
  @Column({ type: 'text' })
  event!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: TradeStatus | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus!: TradeStatus | null;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
