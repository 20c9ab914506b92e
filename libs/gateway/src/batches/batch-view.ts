import { TRADE_STATUSES, type RowError, type TradeStatus } from '@contingency/contracts';
import type { BatchEntity } from '@contingency/ledger';
import { COUNT_KEYS, type BatchCounts, type BatchView, type RowErrorView } from './batch.schemas';

export const POSSIBLE_DUPLICATE = 'POSSIBLE_DUPLICATE';

/** The API's batch: who decided what, and every trade status counted (zeros included). */
export function toBatchView(
  batch: BatchEntity,
  byStatus: Record<TradeStatus, number>,
  possibleDuplicates: number,
): BatchView {
  const counts = { total: batch.totalRows, possibleDuplicates } as BatchCounts;
  for (const status of TRADE_STATUSES) counts[COUNT_KEYS[status]] = byStatus[status] ?? 0;
  const approved = batch.status === 'RELEASED' || batch.status === 'COMPLETED';
  const rejected = batch.status === 'REJECTED';
  const decidedAt = batch.decidedAt?.toISOString() ?? null;
  return {
    id: batch.id,
    fileName: batch.fileName,
    sha256: batch.sha256?.trim() ?? null,
    sizeBytes: Number(batch.sizeBytes),
    status: batch.status,
    counts,
    uploadedBy: batch.uploadedBy,
    uploadedAt: batch.uploadedAt.toISOString(),
    approvedBy: approved ? batch.decidedBy : null,
    approvedAt: approved ? decidedAt : null,
    rejectedBy: rejected ? batch.decidedBy : null,
    rejectedAt: rejected ? decidedAt : null,
    decisionComment: batch.decisionComment,
    failure:
      batch.failureCode !== null
        ? { code: batch.failureCode, message: batch.failureMessage ?? batch.failureCode }
        : null,
  };
}

/**
 * A trade's entries in the batch's error list: its stored errors (an INVALID row's problems, or a
 * flag validation stored on a valid row) and, when only the column says so, its possible-duplicate flag.
 */
export function rowErrorsOf(trade: {
  rowNumber: number;
  errors: readonly RowError[];
  possibleDuplicate: boolean;
}): RowErrorView[] {
  const listed: RowErrorView[] = trade.errors.map((e) => ({
    row: e.row ?? trade.rowNumber,
    column: e.column,
    code: e.code,
    message: e.message,
    severity: e.code === POSSIBLE_DUPLICATE ? 'warning' : 'error',
  }));
  if (trade.possibleDuplicate && !listed.some((e) => e.code === POSSIBLE_DUPLICATE)) {
    listed.push({
      row: trade.rowNumber,
      column: 'client_ref',
      code: POSSIBLE_DUPLICATE,
      message:
        'same account, fund, order type, quantity and trade date as another live trade under another client_ref: ' +
        'confirm it is a separate order, or reject the batch',
      severity: 'warning',
    });
  }
  return listed;
}
