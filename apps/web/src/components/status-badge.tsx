import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { BatchStatus, TradeStatus } from '../api/types';

const TRADE: Record<TradeStatus, StatusIndicatorProps.Type> = {
  RECEIVED: 'pending',
  VALID: 'info',
  INVALID: 'error',
  RELEASED: 'in-progress',
  DISPATCHED: 'in-progress',
  ACKNOWLEDGED: 'success',
  CONFIRMED: 'success',
  NACKED: 'error',
  OUTCOME_UNKNOWN: 'warning',
  DEAD_LETTERED: 'error',
  CANCELLED: 'stopped',
};

const BATCH: Record<BatchStatus, StatusIndicatorProps.Type> = {
  VALIDATING: 'loading',
  AWAITING_APPROVAL: 'pending',
  RELEASED: 'in-progress',
  COMPLETED: 'success',
  REJECTED: 'stopped',
  FAILED: 'error',
};

export function TradeStatusBadge({ status }: { status: TradeStatus }) {
  return <StatusIndicator type={TRADE[status]}>{status}</StatusIndicator>;
}

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  return <StatusIndicator type={BATCH[status] ?? 'info'}>{status}</StatusIndicator>;
}
