import { InitialLedger1764864000000 } from './1764864000000-initial-ledger';
import { TradeEconomicKey1796400000000 } from './1796400000000-trade-economic-key';
import { OutboxPendingByKey1796400100000 } from './1796400100000-outbox-pending-by-key';
import { CasieDeliveries1796400600000 } from './1796400600000-casie-deliveries';
import { CalastoneDeliveries1796400700000 } from './1796400700000-calastone-deliveries';
import { UnmatchedAcks1796400800000 } from './1796400800000-unmatched-acks';
import { Sessions1796401000000 } from './1796401000000-sessions';
import { AuditContext1796401100000 } from './1796401100000-audit-context';
import { FailedBatches1796401200000 } from './1796401200000-failed-batches';

/** Every migration in order; a new one is appended here after review. */
export const LEDGER_MIGRATIONS = [
  InitialLedger1764864000000,
  TradeEconomicKey1796400000000,
  OutboxPendingByKey1796400100000,
  CasieDeliveries1796400600000,
  CalastoneDeliveries1796400700000,
  UnmatchedAcks1796400800000,
  Sessions1796401000000,
  AuditContext1796401100000,
  FailedBatches1796401200000,
];
