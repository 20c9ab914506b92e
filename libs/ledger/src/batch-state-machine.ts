import type { BatchStatus } from '@contingency/contracts';
import { IllegalTransitionError } from './errors';

// A batch with trades never fails as a whole (an upload is one transaction): FAILED is only ever
// created directly, for a file refused at file level, and is terminal.
export const BATCH_TRANSITIONS: Record<BatchStatus, readonly BatchStatus[]> = {
  VALIDATING: ['AWAITING_APPROVAL'],
  AWAITING_APPROVAL: ['RELEASED', 'REJECTED'],
  RELEASED: ['COMPLETED'],
  COMPLETED: [],
  REJECTED: [],
  FAILED: [],
};

/** The statuses a batch is created in: VALIDATING (an accepted upload), FAILED (a refused one). */
export const BATCH_INITIAL_STATUSES = ['VALIDATING', 'FAILED'] as const satisfies readonly BatchStatus[];
export type BatchInitialStatus = (typeof BATCH_INITIAL_STATUSES)[number];

export function canTransitionBatch(from: BatchStatus, to: BatchStatus): boolean {
  return BATCH_TRANSITIONS[from].includes(to);
}

export function isBatchTerminal(status: BatchStatus): boolean {
  return BATCH_TRANSITIONS[status].length === 0;
}

export function assertBatchTransition(from: BatchStatus, to: BatchStatus, batchId = '(new)'): void {
  if (!canTransitionBatch(from, to)) throw new IllegalTransitionError('batch', batchId, from, to);
}

export function assertBatchCreatedAs(status: BatchStatus, batchId = '(new)'): void {
  if (!(BATCH_INITIAL_STATUSES as readonly BatchStatus[]).includes(status)) {
    throw new IllegalTransitionError('batch', batchId, '(nothing)', status);
  }
}
