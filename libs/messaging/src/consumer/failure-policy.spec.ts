import { ContractViolation } from '@contingency/contracts';
import { ConcurrentUpdateError, IllegalTransitionError, NotFoundError } from '@contingency/ledger';
import { classifyFailure, decideOnFailure, errorCode, type FailureState } from './failure-policy';
import { PermanentError, RetryableError } from './handler-errors';

const state = (over: Partial<FailureState> = {}): FailureState => ({
  attempt: 1,
  maxAttempts: 8,
  tries: 1,
  maxTries: 3,
  ...over,
});

describe(classifyFailure.name, () => {
  it('tells contract violations, permanent and retryable errors apart; unknown errors are retryable', () => {
    expect(classifyFailure(new ContractViolation('ta.acks.v1', 'status'))).toBe('contract_violation');
    expect(classifyFailure(new PermanentError('UNKNOWN_FUND', 'no such fund'))).toBe('permanent');
    expect(classifyFailure(new RetryableError('CASIE_DOWN', 'refused'))).toBe('retryable');
    expect(classifyFailure(new TypeError('x is undefined'))).toBe('retryable');
    expect(classifyFailure(new NotFoundError('trade', 'b6a1'))).toBe('permanent');
    expect(classifyFailure(new IllegalTransitionError('trade', 'b6a1', 'CONFIRMED', 'RELEASED'))).toBe(
      'permanent',
    );
    expect(classifyFailure(new ConcurrentUpdateError('trade', 'b6a1', 3))).toBe('retryable');
    expect(classifyFailure('a string')).toBe('retryable');
  });
});

describe(decideOnFailure.name, () => {
  it('dead-letters contract violations and permanent errors at once', () => {
    expect(decideOnFailure('contract_violation', state())).toEqual({
      action: 'dead_letter',
      reason: 'contract_violation',
    });
    expect(decideOnFailure('permanent', state())).toEqual({ action: 'dead_letter', reason: 'permanent' });
  });

  it('retries in process first, then redelivers later, then gives up at maxAttempts', () => {
    expect(decideOnFailure('retryable', state({ tries: 2 }))).toEqual({ action: 'retry_now' });
    expect(decideOnFailure('retryable', state({ tries: 3 }))).toEqual({ action: 'retry_later' });
    expect(decideOnFailure('retryable', state({ tries: 3, attempt: 7 }))).toEqual({ action: 'retry_later' });
    expect(decideOnFailure('retryable', state({ tries: 3, attempt: 8 }))).toEqual({
      action: 'dead_letter',
      reason: 'retries_exhausted',
    });
  });
});

describe(errorCode.name, () => {
  it('takes the code of our errors and of coded errors', () => {
    expect(errorCode(new ContractViolation('t', 'i'))).toBe('CONTRACT_VIOLATION');
    expect(errorCode(new PermanentError('UNKNOWN_FUND', 'm'))).toBe('UNKNOWN_FUND');
    expect(errorCode(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorCode(new Error('plain'))).toBe('UNEXPECTED');
  });
});
