import { ContractViolation } from '@contingency/contracts';
import { IllegalTransitionError, NotFoundError } from '@contingency/ledger';
import { PermanentError, RetryableError } from './handler-errors';

/** What kind of failure a handler error is. Unknown errors are treated as passing. */
export type FailureKind = 'contract_violation' | 'permanent' | 'retryable';

export type FailureDecision =
  | { action: 'retry_now' }
  | { action: 'retry_later' }
  | { action: 'dead_letter'; reason: 'contract_violation' | 'permanent' | 'retries_exhausted' };

export interface FailureState {
  /** Delivery attempt of the message (the attempt header; 1 for the first delivery). */
  attempt: number;
  maxAttempts: number;
  /** In-process tries of this delivery so far, and how many we allow. */
  tries: number;
  maxTries: number;
}

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof ContractViolation) return 'contract_violation';
  if (error instanceof PermanentError) return 'permanent';
  // The ledger commits a row before its message leaves the outbox, so a missing trade or a state that
  // has moved on will not change on retry.
  if (error instanceof NotFoundError || error instanceof IllegalTransitionError) return 'permanent';
  if (error instanceof RetryableError) return 'retryable';
  return 'retryable';
}

/** The one place that decides retry, delayed redelivery or dead letter. */
export function decideOnFailure(kind: FailureKind, state: FailureState): FailureDecision {
  switch (kind) {
    case 'contract_violation':
      return { action: 'dead_letter', reason: 'contract_violation' };
    case 'permanent':
      return { action: 'dead_letter', reason: 'permanent' };
    case 'retryable':
      if (state.tries < state.maxTries) return { action: 'retry_now' };
      if (state.attempt < state.maxAttempts) return { action: 'retry_later' };
      return { action: 'dead_letter', reason: 'retries_exhausted' };
    default:
      return assertNever(kind);
  }
}

export function errorCode(error: unknown): string {
  if (error instanceof ContractViolation) return 'CONTRACT_VIOLATION';
  if (error instanceof PermanentError || error instanceof RetryableError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'UNEXPECTED';
}

function assertNever(value: never): never {
  throw new Error(`unhandled failure kind ${String(value)}`);
}
