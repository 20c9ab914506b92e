import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { OrderType, Route, RowError, TradeReceived, TradeStatus } from '@contingency/contracts';
import { BatchEntity } from './batch.entity';

/** The operator's cells exactly as the file gave them. */
export type TradeCells = TradeReceived['cells'];

/** Where the order went: Casie order id, Calastone file name, TA reference... merged, never replaced. */
export type ExternalRefs = Record<string, unknown>;

@Entity({ name: 'trades' })
@Check(
  'trades_status_check',
  `status IN ('RECEIVED', 'VALID', 'INVALID', 'RELEASED', 'DISPATCHED', 'ACKNOWLEDGED', 'CONFIRMED', 'NACKED', 'OUTCOME_UNKNOWN', 'DEAD_LETTERED', 'CANCELLED')`,
)
@Check('trades_route_check', `route IN ('CASIE', 'CALASTONE')`)
@Unique('trades_row_once', ['batchId', 'rowNumber'])
@Unique('trades_order_ref_key', ['orderRef'])
@Index('trades_account_client_ref', ['accountId', 'clientRef'])
@Index('trades_batch_status', ['batchId', 'status'])
@Index('trades_status', ['status'])
export class TradeEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'trades_pkey' })
  id!: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => BatchEntity, { nullable: false })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'trades_batch_id_fkey' })
  batch?: BatchEntity;

  /** 1-based data row of the uploaded file. */
  @Column({ name: 'row_number', type: 'integer' })
  rowNumber!: number;

  @Column({ type: 'jsonb' })
  cells!: TradeCells;

  @Column({ name: 'client_ref', type: 'text' })
  clientRef!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  // The typed fields below are set by validation; null while RECEIVED or when the cell was unusable.
  @Column({ name: 'order_type', type: 'text', nullable: true })
  orderType!: OrderType | null;

  @Column({ name: 'fund_isin', type: 'text', nullable: true })
  fundIsin!: string | null;

  @Column({ type: 'numeric', precision: 28, scale: 8, nullable: true })
  amount!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'numeric', precision: 28, scale: 8, nullable: true })
  units!: string | null;

  @Column({ name: 'trade_date', type: 'date', nullable: true })
  tradeDate!: string | null;

  @Column({ name: 'settlement_date', type: 'date', nullable: true })
  settlementDate!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'text' })
  status!: TradeStatus;

  @Column({ type: 'text', nullable: true })
  route!: Route | null;

  @Column({ name: 'order_ref', type: 'text', nullable: true })
  orderRef!: string | null;

  @Column({ name: 'external_refs', type: 'jsonb', default: {} })
  externalRefs!: ExternalRefs;

  @Column({ type: 'jsonb', default: [] })
  errors!: RowError[];

  @Column({ name: 'possible_duplicate', type: 'boolean', default: false })
  possibleDuplicate!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
