import type { BatchStatus, RowError, TradeStatus } from '@contingency/contracts';
import {
  clientRefErrors,
  holdsClientRef,
  possibleDuplicateNotes,
  withDuplicateErrors,
} from './duplicate-checks';
import { possibleDuplicateKey } from './rules';
import { aFirstUse } from './validation.fixtures';

const entry = { row: 7, accountId: 'ACC-42', clientRef: 'ORD-0001' };
const clean = () => true;

describe(clientRefErrors.name, () => {
  it('finds nothing when the reference was never used', () => {
    expect(clientRefErrors(entry, [], clean)).toEqual([]);
  });

  it('names the first row of the file when it is a lower row of the same batch', () => {
    const errors = clientRefErrors(entry, [aFirstUse({ relation: 'same-batch', row: 2 })], clean);

    expect(errors).toEqual([
      expect.objectContaining({ row: 7, column: 'client_ref', code: 'CLIENT_REF_DUPLICATE_IN_FILE' }),
    ]);
    expect(errors[0].message).toContain('row 2');
  });

  it('lets the first use itself stand', () => {
    expect(clientRefErrors(entry, [aFirstUse({ relation: 'same-batch', row: 7 })], clean)).toEqual([]);
  });

  it('reports a reference held by an earlier batch', () => {
    expect(clientRefErrors(entry, [aFirstUse()], clean)).toEqual([
      expect.objectContaining({ row: 7, code: 'CLIENT_REF_ALREADY_USED' }),
    ]);
  });

  it('reports both problems together', () => {
    const firstUses = [aFirstUse({ relation: 'same-batch', row: 1 }), aFirstUse()];

    expect(clientRefErrors(entry, firstUses, clean).map((e) => e.code)).toEqual([
      'CLIENT_REF_DUPLICATE_IN_FILE',
      'CLIENT_REF_ALREADY_USED',
    ]);
  });
});

describe(holdsClientRef.name, () => {
  const decided: Array<[TradeStatus, BatchStatus, boolean]> = [
    ['VALID', 'AWAITING_APPROVAL', true],
    ['RELEASED', 'RELEASED', true],
    ['CONFIRMED', 'COMPLETED', true],
    ['NACKED', 'COMPLETED', true],
    ['INVALID', 'AWAITING_APPROVAL', false],
    ['CANCELLED', 'RELEASED', false],
    ['VALID', 'REJECTED', false],
    ['VALID', 'FAILED', false],
  ];
  it.each(decided)('a %s trade of a %s batch holds it: %s', (status, batchStatus, holds) => {
    expect(holdsClientRef(aFirstUse({ status, batchStatus }), clean)).toBe(holds);
  });

  it('a RECEIVED first use holds it when it is clean by the row rules', () => {
    const received = aFirstUse({ status: 'RECEIVED', batchStatus: 'VALIDATING' });
    const judged: unknown[] = [];

    expect(holdsClientRef(received, (use) => judged.push(use) > 0)).toBe(true);
    expect(judged).toEqual([received]);
    expect(holdsClientRef(received, () => false)).toBe(false);
  });
});

describe(possibleDuplicateNotes.name, () => {
  const trade = {
    clientRef: 'ORD-0002',
    orderType: 'SUBSCRIPTION' as const,
    fundIsin: 'IE00B4L5Y983',
    accountId: 'ACC-42',
    amount: '1000.5',
    units: null,
    currency: 'EUR',
    tradeDate: '2026-03-30',
    settlementDate: null,
    comment: null,
  };

  it('notes a live trade with the same economics under another client_ref', () => {
    const other = { clientRef: 'ORD-0001', key: possibleDuplicateKey({ ...trade, amount: '1000.50000000' }) };

    expect(possibleDuplicateNotes(3, trade, [other])).toEqual([
      expect.objectContaining({ row: 3, column: 'client_ref', code: 'POSSIBLE_DUPLICATE' }),
    ]);
  });

  it('ignores the same client_ref and other quantities', () => {
    const same = { clientRef: 'ORD-0002', key: possibleDuplicateKey(trade) };
    const other = { clientRef: 'ORD-0001', key: possibleDuplicateKey({ ...trade, amount: '1000.51' }) };

    expect(possibleDuplicateNotes(3, trade, [same, other])).toEqual([]);
  });
});

describe(withDuplicateErrors.name, () => {
  const error = (column: string, code: string): RowError => ({ row: 1, column, code, message: code });

  it('keeps column order: client_ref problems first, duplicates with them', () => {
    const rowErrors = [error('client_ref', 'CLIENT_REF_TOO_LONG'), error('amount', 'AMOUNT_FORMAT')];

    const merged = withDuplicateErrors(rowErrors, [error('client_ref', 'CLIENT_REF_ALREADY_USED')]);

    expect(merged.map((e) => e.code)).toEqual([
      'CLIENT_REF_TOO_LONG',
      'CLIENT_REF_ALREADY_USED',
      'AMOUNT_FORMAT',
    ]);
  });
});
