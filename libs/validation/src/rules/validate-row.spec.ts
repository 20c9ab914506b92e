import { aFund, FRIDAY_MORNING, someCells } from './rules.fixtures';
import { validateRow } from './validate-row';

describe(validateRow.name, () => {
  it('normalises a valid row and routes it to the fund primary route', () => {
    const verdict = validateRow({
      row: 1,
      cells: someCells({
        clientRef: ' ORD-0001 ',
        orderType: 'subscription',
        fundIsin: 'ie00b4l5y983',
        amount: '001000.50',
        currency: 'eur',
        settlementDate: '2026-04-01',
        comment: ' top-up ',
      }),
      fund: aFund({ primaryRoute: 'CALASTONE', alternateRoute: null }),
      now: FRIDAY_MORNING,
    });
    expect(verdict).toEqual({
      ok: true,
      route: 'CALASTONE',
      trade: {
        clientRef: 'ORD-0001',
        orderType: 'SUBSCRIPTION',
        fundIsin: 'IE00B4L5Y983',
        accountId: 'ACC-42',
        amount: '1000.5',
        units: null,
        currency: 'EUR',
        tradeDate: '2026-03-30',
        settlementDate: '2026-04-01',
        comment: 'top-up',
      },
    });
  });

  it('gives a units order the fund currency', () => {
    const verdict = validateRow({
      row: 1,
      cells: someCells({ amount: '', currency: '', units: '125.5' }),
      fund: aFund({ currency: 'JPY' }),
      now: FRIDAY_MORNING,
    });
    expect(verdict).toMatchObject({
      ok: true,
      trade: { amount: null, units: '125.5', currency: 'JPY' },
      route: 'CASIE',
    });
  });

  it('collects every problem of the row, in column order, with the row number', () => {
    const verdict = validateRow({
      row: 12,
      cells: {
        clientRef: '',
        orderType: 'BUY',
        fundIsin: 'IE00B4L5Y983',
        accountId: 'A'.repeat(36),
        amount: '1,000.555',
        currency: 'USD',
        units: '10',
        tradeDate: '2026-03-28',
        settlementDate: '2026-03-27',
        comment: 'C'.repeat(141),
      },
      fund: aFund(),
      now: FRIDAY_MORNING,
    });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.errors.map(({ row, column, code }) => [row, column, code])).toEqual([
      [12, 'client_ref', 'CLIENT_REF_REQUIRED'],
      [12, 'order_type', 'ORDER_TYPE_INVALID'],
      [12, 'account_id', 'ACCOUNT_ID_TOO_LONG'],
      [12, 'amount', 'AMOUNT_AND_UNITS'],
      [12, 'amount', 'AMOUNT_FORMAT'],
      [12, 'currency', 'CURRENCY_MISMATCH'],
      [12, 'trade_date', 'TRADE_DATE_WEEKEND'],
      [12, 'settlement_date', 'SETTLEMENT_DATE_BEFORE_TRADE_DATE'],
      [12, 'comment', 'COMMENT_TOO_LONG'],
    ]);
    for (const error of verdict.errors) expect(error.message).toMatch(/: /);
  });

  it.each([
    ['an unknown fund', someCells({ fundIsin: 'LU0274208692' }), undefined, ['FUND_NOT_FOUND']],
    ['a closed fund', someCells(), aFund({ status: 'CLOSED' }), ['FUND_CLOSED']],
    [
      'a bad check digit, without a second error about the fund master',
      someCells({ fundIsin: 'IE00B4L5Y984' }),
      undefined,
      ['FUND_ISIN_CHECK_DIGIT'],
    ],
    ['an empty ISIN', someCells({ fundIsin: '' }), undefined, ['FUND_ISIN_REQUIRED']],
    [
      'a broken fund master entry',
      someCells(),
      aFund({ timezone: 'Nowhere/Special' }),
      ['FUND_REFERENCE_INVALID'],
    ],
    [
      'JPY with decimals',
      someCells({ amount: '100.5', currency: 'JPY' }),
      aFund({ currency: 'JPY' }),
      ['AMOUNT_TOO_MANY_DECIMALS'],
    ],
    [
      'neither amount nor units',
      someCells({ amount: '', currency: '' }),
      aFund(),
      ['AMOUNT_OR_UNITS_REQUIRED'],
    ],
    [
      'a trade date today after the cut-off',
      someCells({ tradeDate: '2026-03-27' }),
      aFund({ cutoffTime: '09:00' }),
      ['TRADE_DATE_AFTER_CUTOFF'],
    ],
    ['a trade date in the past', someCells({ tradeDate: '2026-03-26' }), aFund(), ['TRADE_DATE_IN_PAST']],
    ['Feb 29 in a non-leap year', someCells({ tradeDate: '2027-02-29' }), aFund(), ['TRADE_DATE_INVALID']],
  ])('refuses %s', (_, cells, fund, codes) => {
    const verdict = validateRow({ row: 3, cells, fund, now: FRIDAY_MORNING });
    expect(verdict.ok ? [] : verdict.errors.map((error) => error.code)).toEqual(codes);
  });

  it('still checks currency and cut-off of a closed fund, so the operator sees everything at once', () => {
    const verdict = validateRow({
      row: 1,
      cells: someCells({ currency: 'USD', tradeDate: '2026-03-27' }),
      fund: aFund({ status: 'CLOSED', cutoffTime: '08:00' }),
      now: FRIDAY_MORNING,
    });
    expect(verdict.ok ? [] : verdict.errors.map((error) => error.code)).toEqual([
      'FUND_CLOSED',
      'CURRENCY_MISMATCH',
      'TRADE_DATE_AFTER_CUTOFF',
    ]);
  });

  it('checks the cut-off in the fund time zone', () => {
    // 09:00 UTC is 18:00 in Tokyo: past a 15:00 cut-off there, while a Dublin fund is still dealing.
    const cells = someCells({ tradeDate: '2026-03-27' });
    expect(
      validateRow({
        row: 1,
        cells,
        fund: aFund({ timezone: 'Asia/Tokyo', cutoffTime: '15:00' }),
        now: FRIDAY_MORNING,
      }).ok,
    ).toBe(false);
    expect(
      validateRow({
        row: 1,
        cells,
        fund: aFund({ timezone: 'Europe/Dublin', cutoffTime: '15:00' }),
        now: FRIDAY_MORNING,
      }).ok,
    ).toBe(true);
  });

  it('is pure: the same input gives the same verdict', () => {
    const input = { row: 1, cells: someCells(), fund: aFund(), now: FRIDAY_MORNING };
    expect(validateRow(input)).toEqual(validateRow(input));
  });
});
