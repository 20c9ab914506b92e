import { TRADE_STATUSES, type TradeStatus } from '@contingency/contracts';
import type { BatchEntity } from '@contingency/ledger';
import { POSSIBLE_DUPLICATE, rowErrorsOf, toBatchView } from './batch-view';

function aBatch(overrides: Partial<BatchEntity> = {}): BatchEntity {
  return {
    id: '1f0c7a52-3c1e-4b7e-9d7a-2a1f6e0c9b11',
    fileName: 'monday.csv',
    sha256: 'a'.repeat(64),
    sizeBytes: '1234',
    status: 'AWAITING_APPROVAL',
    uploadedBy: 'ops-1',
    uploadedAt: new Date('2026-03-02T09:00:00Z'),
    totalRows: 3,
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    failureCode: null,
    failureMessage: null,
    version: 2,
    updatedAt: new Date('2026-03-02T09:01:00Z'),
    ...overrides,
  };
}

const zeros = () => Object.fromEntries(TRADE_STATUSES.map((s) => [s, 0])) as Record<TradeStatus, number>;

describe(toBatchView.name, () => {
  it('counts every trade status under its camelCase name, zeros included', () => {
    const view = toBatchView(aBatch(), { ...zeros(), VALID: 2, INVALID: 1, OUTCOME_UNKNOWN: 0 }, 1);
    expect(view.counts).toEqual({
      total: 3,
      received: 0,
      valid: 2,
      invalid: 1,
      released: 0,
      dispatched: 0,
      acknowledged: 0,
      confirmed: 0,
      nacked: 0,
      outcomeUnknown: 0,
      deadLettered: 0,
      cancelled: 0,
      possibleDuplicates: 1,
    });
    expect(view).toMatchObject({ sizeBytes: 1234, uploadedAt: '2026-03-02T09:00:00.000Z', failure: null });
  });

  it.each([
    ['RELEASED', { approvedBy: 'appr-1', rejectedBy: null }],
    ['COMPLETED', { approvedBy: 'appr-1', rejectedBy: null }],
    ['REJECTED', { approvedBy: null, rejectedBy: 'appr-1' }],
  ] as const)('names the decider of a %s batch', (status, who) => {
    const decidedAt = new Date('2026-03-02T10:00:00Z');
    const view = toBatchView(
      aBatch({ status, decidedBy: 'appr-1', decidedAt, decisionComment: 'ok' }),
      zeros(),
      0,
    );
    expect(view).toMatchObject({ ...who, decisionComment: 'ok' });
    expect(status === 'REJECTED' ? view.rejectedAt : view.approvedAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('shows why a FAILED batch failed', () => {
    const view = toBatchView(
      aBatch({ status: 'FAILED', failureCode: 'EMPTY_FILE', failureMessage: 'no rows' }),
      zeros(),
      0,
    );
    expect(view.failure).toEqual({ code: 'EMPTY_FILE', message: 'no rows' });
  });

  it('shows a null hash for a FAILED batch refused before its whole file was read', () => {
    const view = toBatchView(
      aBatch({ status: 'FAILED', sha256: null, failureCode: 'TOO_LARGE', failureMessage: 'too big' }),
      zeros(),
      0,
    );
    expect(view).toMatchObject({ sha256: null, status: 'FAILED', approvedBy: null, rejectedBy: null });
  });
});

describe(rowErrorsOf.name, () => {
  it('lists an invalid row’s errors in stored order', () => {
    const errors = [
      { row: 4, column: 'amount', code: 'AMOUNT_FORMAT', message: 'a' },
      { row: 4, column: 'currency', code: 'CURRENCY_UNKNOWN', message: 'b' },
    ];
    expect(rowErrorsOf({ rowNumber: 4, errors, possibleDuplicate: false })).toEqual(
      errors.map((e) => ({ ...e, severity: 'error' })),
    );
  });

  it('shows a possible duplicate as a warning once, whether or not validation stored the note', () => {
    const note = { row: 2, column: 'client_ref', code: POSSIBLE_DUPLICATE, message: 'same economics' };
    expect(rowErrorsOf({ rowNumber: 2, errors: [note], possibleDuplicate: true })).toEqual([
      { ...note, severity: 'warning' },
    ]);
    expect(rowErrorsOf({ rowNumber: 2, errors: [], possibleDuplicate: true })).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'client_ref',
        code: POSSIBLE_DUPLICATE,
        severity: 'warning',
      }),
    ]);
  });
});
