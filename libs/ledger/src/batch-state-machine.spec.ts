import { BATCH_STATUSES } from '@contingency/contracts';
import {
  assertBatchCreatedAs,
  assertBatchTransition,
  BATCH_TRANSITIONS,
  isBatchTerminal,
} from './batch-state-machine';
import { IllegalTransitionError } from './errors';

// From the design brief, not derived from the table under test.
const LEGAL = new Set([
  'VALIDATING>AWAITING_APPROVAL',
  'AWAITING_APPROVAL>RELEASED',
  'AWAITING_APPROVAL>REJECTED',
  'RELEASED>COMPLETED',
]);

const ALL_PAIRS = BATCH_STATUSES.flatMap((from) => BATCH_STATUSES.map((to) => [from, to] as const));

describe('BATCH_TRANSITIONS', () => {
  it('covers every batch status', () => {
    expect(Object.keys(BATCH_TRANSITIONS).sort()).toEqual([...BATCH_STATUSES].sort());
  });

  it.each(ALL_PAIRS.filter(([from, to]) => LEGAL.has(`${from}>${to}`)))('allows %s → %s', (from, to) => {
    expect(() => assertBatchTransition(from, to)).not.toThrow();
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !LEGAL.has(`${from}>${to}`)))('refuses %s → %s', (from, to) => {
    expect(() => assertBatchTransition(from, to, 'B-1')).toThrow(IllegalTransitionError);
  });
});

describe(assertBatchCreatedAs.name, () => {
  // An accepted upload starts VALIDATING; a file refused as a whole is recorded directly as FAILED.
  it.each(['VALIDATING', 'FAILED'] as const)('creates a batch as %s', (status) => {
    expect(() => assertBatchCreatedAs(status)).not.toThrow();
  });

  it.each(['AWAITING_APPROVAL', 'RELEASED', 'COMPLETED', 'REJECTED'] as const)(
    'never creates a batch as %s',
    (status) => {
      expect(() => assertBatchCreatedAs(status, 'B-1')).toThrow(IllegalTransitionError);
    },
  );
});

describe(isBatchTerminal.name, () => {
  it.each([
    ['COMPLETED', true],
    ['REJECTED', true],
    ['FAILED', true],
    ['VALIDATING', false],
    ['AWAITING_APPROVAL', false],
    ['RELEASED', false],
  ] as const)('%s terminal: %s', (status, expected) => {
    expect(isBatchTerminal(status)).toBe(expected);
  });
});
