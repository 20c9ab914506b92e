import type { BatchStatus } from '@contingency/contracts';
import { IllegalTransitionError } from './errors';

export const BATCH_TRANSITIONS: Record<BatchStatus, readonly BatchStatus[]> = {
  VALIDATING: ['AWAITING_APPROVAL', 'FAILED'],
  AWAITING_APPROVAL: ['RELEASED', 'REJECTED'],
  RELEASED: ['COMPLETED'],
  COMPLETED: [],
  REJECTED: [],
  FAILED: [],
};

export function canTransitionBatch(from: BatchStatus, to: BatchStatus): boolean {
  return BATCH_TRANSITIONS[from].includes(to);
}

export function isBatchTerminal(status: BatchStatus): boolean {
  return BATCH_TRANSITIONS[status].length === 0;
}

export function assertBatchTransition(from: BatchStatus, to: BatchStatus, batchId = '(new)'): void {
  if (!canTransitionBatch(from, to)) throw new IllegalTransitionError('batch', batchId, from, to);
}
