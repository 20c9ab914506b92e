import type {
  BatchStatus,
  OrderType,
  Role,
  Route,
  RowError,
  TradeAlertKind,
  TradeStatus,
} from '@contingency/contracts';

// The REST API's response shapes (docs/contracts, OpenAPI at /api/docs); the enums come from the contracts.

export type { BatchStatus, Role, Route, TradeStatus, TradeAlertKind };

export interface Me {
  principal: string;
  displayName: string;
  roles: Role[];
  mfa: 'idp' | 'totp' | 'pending';
  csrfToken: string;
}

export interface BatchCounts {
  total: number;
  received: number;
  valid: number;
  invalid: number;
  released: number;
  dispatched: number;
  acknowledged: number;
  confirmed: number;
  nacked: number;
  outcomeUnknown: number;
  deadLettered: number;
  cancelled: number;
  possibleDuplicates: number;
}

export interface Batch {
  id: string;
  fileName: string;
  /** Null for a FAILED batch refused before its whole file was read. */
  sha256: string | null;
  sizeBytes: number;
  status: BatchStatus;
  counts: BatchCounts;
  uploadedBy: string;
  uploadedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  decisionComment: string | null;
  failure: { code: string; message: string } | null;
}

export interface RowErrorView extends RowError {
  severity: 'error' | 'warning';
}

export interface Trade {
  id: string;
  batchId: string;
  row: number;
  clientRef: string;
  orderType: OrderType | null;
  fundIsin: string | null;
  accountId: string;
  amount: string | null;
  currency: string | null;
  units: string | null;
  tradeDate: string | null;
  settlementDate: string | null;
  comment: string | null;
  status: TradeStatus;
  route: Route | null;
  orderRef: string | null;
  possibleDuplicate: boolean;
  errors: RowError[];
  externalRefs: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TradeHistoryItem {
  at: string;
  event: string;
  from: TradeStatus | null;
  to: TradeStatus | null;
  actor: string;
  reason: string | null;
  details: Record<string, unknown>;
}

export interface TradeDetail extends Trade {
  history: TradeHistoryItem[];
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface TradeStatusEvent {
  tradeId: string;
  batchId: string;
  accountId: string;
  from: TradeStatus | null;
  to: TradeStatus;
  route: Route | null;
  actor: string;
  at: string;
  historyId: number;
}

export interface TradeAlertEvent {
  tradeId: string;
  batchId: string;
  kind: TradeAlertKind;
  details: {
    cutoffAt?: string;
    minutesLeft?: number;
    fund?: string;
    status?: string;
    dispatchedAt?: string;
    slaMinutes?: number;
    route?: string;
  };
  at: string;
  historyId: number;
}

/** The trade an open alert is about, as GET /alerts gives it (enough to find and judge it). */
export type AlertTrade = Pick<
  Trade,
  'status' | 'route' | 'orderRef' | 'clientRef' | 'fundIsin' | 'accountId'
>;

/** GET /alerts: an alert of the trade watch whose condition still holds. */
export interface OpenAlert {
  tradeId: string;
  batchId: string;
  kind: TradeAlertKind;
  raisedAt: string;
  historyId: number;
  details: TradeAlertEvent['details'];
  trade: AlertTrade;
}

export interface OpenAlertsPage {
  items: OpenAlert[];
  asOf: string;
}

export interface UnmatchedAck {
  id: string;
  source: string;
  orderRef: string | null;
  messageRefs: string[];
  outcome: string;
  status: string;
  taReference: string | null;
  reasons: Array<{ code?: string; text?: string }>;
  at: string;
  parkedAt: string;
  tradeId: string | null;
}

export interface Fund {
  isin: string;
  name: string;
  provider: 'GS' | 'NON_GS';
  currency: string;
  cutoffTime: string;
  timezone: string;
  primaryRoute: Route;
  alternateRoute: 'CALASTONE' | null;
  status: 'OPEN' | 'CLOSED';
  updatedAt: string;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  principal: string;
  prefix: string;
  roles: Role[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  outcome: 'SUCCESS' | 'DENIED' | 'FAILED';
  targetType: string | null;
  targetId: string | null;
  sourceIp: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
}
