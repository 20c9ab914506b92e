import type { Order } from '@contingency/contracts';
import { preflight, SetrPreflightError, type PreflightCode } from './setr-order.preflight';
import type { SetrOrderRefs } from './setr-order.refs';
import { anOrder } from './testing/order.factory';

function codesOf(order: Order, refs: Partial<SetrOrderRefs> = {}): { field: string; code: PreflightCode }[] {
  const result = preflight(order, refs);
  return result.ok ? [] : result.errors.map(({ field, code }) => ({ field, code }));
}

describe(preflight.name, () => {
  it('passes a valid order with or without refs', () => {
    expect(preflight(anOrder())).toEqual({ ok: true });
    expect(
      preflight(anOrder(), {
        messageId: 'M-1',
        masterRef: 'B-1',
        attempt: 3,
        instructingParty: { bic: 'ABCDGB2L' },
      }),
    ).toEqual({ ok: true });
  });

  it('catches a 40-character account before any XML is written (ACCOUNT_ID_TOO_LONG)', () => {
    const result = preflight(anOrder({ accountId: 'A'.repeat(40) }));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'accountId',
          code: 'ACCOUNT_ID_TOO_LONG',
          message: 'accountId is 40 characters; InvstmtAcctDtls/AcctId holds at most 35 — shorten it',
        },
      ],
    });
  });

  it('counts characters, not UTF-16 units or bytes: 35 accented or astral characters fit', () => {
    expect(preflight(anOrder({ accountId: 'é'.repeat(35), clientRef: '😀'.repeat(35) }))).toEqual({
      ok: true,
    });
    expect(codesOf(anOrder({ clientRef: '😀'.repeat(36) }))).toEqual([
      { field: 'clientRef', code: 'CLIENT_REF_TOO_LONG' },
    ]);
  });

  it.each<[string, Partial<Order>, Partial<SetrOrderRefs>, { field: string; code: PreflightCode }]>([
    [
      'order ref too long',
      { orderRef: 'R'.repeat(36) },
      {},
      { field: 'orderRef', code: 'ORDER_REF_TOO_LONG' },
    ],
    ['order ref empty', { orderRef: '' }, {}, { field: 'orderRef', code: 'ORDER_REF_MISSING' }],
    [
      'order ref unfit for a file name',
      { orderRef: '../x' },
      {},
      { field: 'orderRef', code: 'INVALID_CHARACTERS' },
    ],
    [
      'client ref too long',
      { clientRef: 'c'.repeat(36) },
      {},
      { field: 'clientRef', code: 'CLIENT_REF_TOO_LONG' },
    ],
    ['client ref blank', { clientRef: '   ' }, {}, { field: 'clientRef', code: 'CLIENT_REF_MISSING' }],
    ['account blank', { accountId: ' ' }, {}, { field: 'accountId', code: 'ACCOUNT_ID_MISSING' }],
    [
      'control character',
      { accountId: 'ACC\u00001' },
      {},
      { field: 'accountId', code: 'INVALID_CHARACTERS' },
    ],
    ['line break', { clientRef: 'a\nb' }, {}, { field: 'clientRef', code: 'INVALID_CHARACTERS' }],
    ['lone surrogate', { clientRef: 'a\ud800' }, {}, { field: 'clientRef', code: 'INVALID_CHARACTERS' }],
    ['lower-case ISIN', { fundIsin: 'lu0123456789' }, {}, { field: 'fundIsin', code: 'ISIN_INVALID' }],
    ['short ISIN', { fundIsin: 'LU012345678' }, {}, { field: 'fundIsin', code: 'ISIN_INVALID' }],
    [
      'order type',
      { orderType: 'SWITCH' as Order['orderType'] },
      {},
      { field: 'orderType', code: 'ORDER_TYPE_UNSUPPORTED' },
    ],
    [
      'neither amount nor units',
      { amount: null, units: null },
      {},
      { field: 'amount', code: 'AMOUNT_OR_UNITS_MISSING' },
    ],
    ['amount and units', { units: '10' }, {}, { field: 'amount', code: 'AMOUNT_AND_UNITS' }],
    ['amount not a decimal', { amount: '1e3' }, {}, { field: 'amount', code: 'AMOUNT_INVALID' }],
    ['negative amount', { amount: '-5' }, {}, { field: 'amount', code: 'AMOUNT_INVALID' }],
    ['zero amount', { amount: '0.00' }, {}, { field: 'amount', code: 'AMOUNT_NOT_POSITIVE' }],
    ['6 decimals', { amount: '1.123456' }, {}, { field: 'amount', code: 'AMOUNT_TOO_MANY_DIGITS' }],
    [
      '19 digits',
      { amount: '12345678901234.12345' },
      {},
      { field: 'amount', code: 'AMOUNT_TOO_MANY_DIGITS' },
    ],
    ['20-digit integer', { amount: '1'.repeat(20) }, {}, { field: 'amount', code: 'AMOUNT_TOO_MANY_DIGITS' }],
    ['amount without currency', { currency: null }, {}, { field: 'currency', code: 'CURRENCY_MISSING' }],
    ['bad currency', { currency: 'eur' }, {}, { field: 'currency', code: 'CURRENCY_INVALID' }],
    ['units not a decimal', { amount: null, units: '1,5' }, {}, { field: 'units', code: 'UNITS_INVALID' }],
    ['zero units', { amount: null, units: '0' }, {}, { field: 'units', code: 'UNITS_NOT_POSITIVE' }],
    [
      '19-digit units',
      { amount: null, units: '1'.repeat(19) },
      {},
      { field: 'units', code: 'UNITS_TOO_MANY_DIGITS' },
    ],
    [
      '18 unit decimals',
      { amount: null, units: `0.${'1'.repeat(18)}` },
      {},
      { field: 'units', code: 'UNITS_TOO_MANY_DIGITS' },
    ],
    [
      'impossible trade date',
      { tradeDate: '2025-02-30' },
      {},
      { field: 'tradeDate', code: 'TRADE_DATE_INVALID' },
    ],
    [
      'settlement date format',
      { settlementDate: '18/03/2025' },
      {},
      { field: 'settlementDate', code: 'SETTLEMENT_DATE_INVALID' },
    ],
    ['long batch id', { batchId: 'B'.repeat(36) }, {}, { field: 'batchId', code: 'MASTER_REF_TOO_LONG' }],
    [
      'long message id',
      {},
      { messageId: 'M'.repeat(36) },
      { field: 'refs.messageId', code: 'MESSAGE_ID_TOO_LONG' },
    ],
    ['empty message id', {}, { messageId: '' }, { field: 'refs.messageId', code: 'MESSAGE_ID_MISSING' }],
    [
      'long master ref',
      {},
      { masterRef: 'B'.repeat(36) },
      { field: 'refs.masterRef', code: 'MASTER_REF_TOO_LONG' },
    ],
    ['attempt 0', {}, { attempt: 0 }, { field: 'refs.attempt', code: 'ATTEMPT_INVALID' }],
    [
      'invalid createdAt',
      {},
      { createdAt: new Date('x') },
      { field: 'refs.createdAt', code: 'CREATED_AT_INVALID' },
    ],
    [
      'bad BIC',
      {},
      { instructingParty: { bic: 'ABC' } },
      { field: 'refs.instructingParty.bic', code: 'PARTY_INVALID' },
    ],
    [
      'long proprietary id',
      {},
      { accountServicer: { proprietaryId: 'P'.repeat(36) } },
      { field: 'refs.accountServicer.proprietaryId', code: 'PARTY_INVALID' },
    ],
  ])('%s', (_case, order, refs, expected) => {
    expect(codesOf(anOrder(order), refs)).toEqual([expected]);
  });

  it('reports every problem at once, each with a message that names the field', () => {
    const result = preflight(anOrder({ accountId: 'A'.repeat(40), amount: '1.1234567', fundIsin: 'X' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual([
      'ACCOUNT_ID_TOO_LONG',
      'ISIN_INVALID',
      'AMOUNT_TOO_MANY_DIGITS',
    ]);
    for (const error of result.errors) expect(error.message).toContain(error.field);
  });

  it('is thrown by the builder as SetrPreflightError, its code the first problem', () => {
    const error = new SetrPreflightError([{ field: 'accountId', code: 'ACCOUNT_ID_TOO_LONG', message: 'm' }]);
    expect(error.code).toBe('ACCOUNT_ID_TOO_LONG');
    expect(error.message).toBe('accountId: ACCOUNT_ID_TOO_LONG (m)');
  });
});
