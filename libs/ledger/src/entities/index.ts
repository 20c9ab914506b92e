import { ApiKeyEntity } from './api-key.entity';
import { AuditLogEntity } from './audit-log.entity';
import { BatchEntity } from './batch.entity';
import { FundEntity } from './fund.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ProcessedMessageEntity } from './processed-message.entity';
import { TradeHistoryEntity } from './trade-history.entity';
import { TradeEntity } from './trade.entity';

export * from './api-key.entity';
export * from './audit-log.entity';
export * from './batch.entity';
export * from './fund.entity';
export * from './outbox-message.entity';
export * from './processed-message.entity';
export * from './trade-history.entity';
export * from './trade.entity';

// bus_log and bus_offsets have no entity: the messaging lib reads and writes them with raw SQL.
export const LEDGER_ENTITIES = [
  FundEntity,
  BatchEntity,
  TradeEntity,
  TradeHistoryEntity,
  OutboxMessageEntity,
  ProcessedMessageEntity,
  AuditLogEntity,
  ApiKeyEntity,
];
