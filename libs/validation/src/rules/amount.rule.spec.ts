import { checkQuantity, type QuantityCells } from './amount.rule';

function cells(overrides: Partial<QuantityCells>): QuantityCells {
  return { amount: '', units: '', currency: '', ...overrides };
}

function codesOf(checked: ReturnType<typeof checkQuantity>): string[] {
  return checked.ok ? [] : checked.issues.map((found) => found.code);
}

describe(checkQuantity.name, () => {
  it.each([
    [
      'an amount in the fund currency',
      { amount: '1000.50', currency: 'EUR' },
      'EUR',
      { amount: '1000.5', units: null, currency: 'EUR' },
    ],
    [
      'a lower-case currency',
      { amount: '10', currency: ' eur ' },
      'EUR',
      { amount: '10', units: null, currency: 'EUR' },
    ],
    [
      'JPY whole amount',
      { amount: '150000', currency: 'JPY' },
      'JPY',
      { amount: '150000', units: null, currency: 'JPY' },
    ],
    [
      'JPY with zero decimals only',
      { amount: '150000.00', currency: 'JPY' },
      'JPY',
      { amount: '150000', units: null, currency: 'JPY' },
    ],
    [
      'KWD with 3 decimals',
      { amount: '1250.125', currency: 'KWD' },
      'KWD',
      { amount: '1250.125', units: null, currency: 'KWD' },
    ],
    [
      'BHD with 3 decimals',
      { amount: '0.001', currency: 'BHD' },
      'BHD',
      { amount: '0.001', units: null, currency: 'BHD' },
    ],
    [
      'units without currency',
      { units: '125.123456' },
      'EUR',
      { amount: null, units: '125.123456', currency: null },
    ],
    [
      'units with the fund currency',
      { units: '10', currency: 'EUR' },
      'EUR',
      { amount: null, units: '10', currency: 'EUR' },
    ],
    ['leading zeros', { units: '0010.500' }, 'EUR', { amount: null, units: '10.5', currency: null }],
    [
      '18 digits',
      { amount: '1234567890123456.78', currency: 'EUR' },
      'EUR',
      { amount: '1234567890123456.78', units: null, currency: 'EUR' },
    ],
    [
      'no fund known: decimals follow the cell',
      { amount: '1.125', currency: 'KWD' },
      undefined,
      { amount: '1.125', units: null, currency: 'KWD' },
    ],
  ])('accepts %s', (_, given, fundCurrency, value) => {
    expect(checkQuantity(cells(given), fundCurrency)).toEqual({ ok: true, value });
  });

  it.each<[string, Partial<QuantityCells>, string[]]>([
    ['neither amount nor units', {}, ['AMOUNT_OR_UNITS_REQUIRED']],
    ['blank amount and units', { amount: '  ', units: ' ' }, ['AMOUNT_OR_UNITS_REQUIRED']],
    ['amount AND units', { amount: '100', units: '5', currency: 'EUR' }, ['AMOUNT_AND_UNITS']],
    ['amount without currency', { amount: '100' }, ['CURRENCY_REQUIRED']],
    ['amount in another currency', { amount: '100', currency: 'USD' }, ['CURRENCY_MISMATCH']],
    ['units in another currency', { units: '100', currency: 'USD' }, ['CURRENCY_MISMATCH']],
    ['an unknown currency', { amount: '100', currency: 'EURO' }, ['CURRENCY_UNKNOWN']],
    ["'1e3'", { amount: '1e3', currency: 'EUR' }, ['AMOUNT_FORMAT']],
    ["'1,000.00'", { amount: '1,000.00', currency: 'EUR' }, ['AMOUNT_FORMAT']],
    ["'-5'", { amount: '-5', currency: 'EUR' }, ['AMOUNT_NOT_POSITIVE']],
    ["'0'", { amount: '0', currency: 'EUR' }, ['AMOUNT_NOT_POSITIVE']],
    ["'0.00'", { amount: '0.00', currency: 'EUR' }, ['AMOUNT_NOT_POSITIVE']],
    ['EUR with 3 decimals', { amount: '1000.555', currency: 'EUR' }, ['AMOUNT_TOO_MANY_DECIMALS']],
    ['JPY with decimals', { amount: '1000.5', currency: 'JPY' }, ['AMOUNT_TOO_MANY_DECIMALS']],
    ['KWD with 4 decimals', { amount: '1.1234', currency: 'KWD' }, ['AMOUNT_TOO_MANY_DECIMALS']],
    ['19 digits', { amount: '12345678901234567.89', currency: 'EUR' }, ['AMOUNT_TOO_LARGE']],
    ["units '1e3'", { units: '1e3' }, ['UNITS_FORMAT']],
    ["units '1,000.00'", { units: '1,000.00' }, ['UNITS_FORMAT']],
    ["units '-5'", { units: '-5' }, ['UNITS_NOT_POSITIVE']],
    ["units '0'", { units: '0' }, ['UNITS_NOT_POSITIVE']],
    ['units with 7 decimals', { units: '1.1234567' }, ['UNITS_TOO_MANY_DECIMALS']],
    ['units with 19 digits', { units: '1234567890123.123456' }, ['UNITS_TOO_LARGE']],
    [
      'everything at once',
      { amount: '1,000.555', units: '-1', currency: 'USD' },
      ['CURRENCY_MISMATCH', 'AMOUNT_AND_UNITS', 'AMOUNT_FORMAT', 'UNITS_NOT_POSITIVE'],
    ],
  ])('refuses %s', (_, given, codes) => {
    const fundCurrency = given.currency === 'JPY' || given.currency === 'KWD' ? given.currency : 'EUR';
    expect(codesOf(checkQuantity(cells(given), fundCurrency)).sort()).toEqual([...codes].sort());
  });

  it('says how many decimals the currency allows and how to fix it', () => {
    expect(checkQuantity(cells({ amount: '1000.555', currency: 'EUR' }), 'EUR')).toEqual({
      ok: false,
      issues: [
        {
          code: 'AMOUNT_TOO_MANY_DECIMALS',
          message: 'amount 1000.555 has 3 decimals but EUR allows 2: round to 2 decimals',
        },
      ],
    });
    const yen = checkQuantity(cells({ amount: '1000.5', currency: 'JPY' }), 'JPY');
    expect(yen.ok ? [] : yen.issues[0].message).toBe(
      'amount 1000.5 has 1 decimal but JPY allows 0: round to a whole number',
    );
  });

  it('counts decimals in the fund currency when the cell names another one', () => {
    const checked = checkQuantity(cells({ amount: '1.123', currency: 'KWD' }), 'EUR');
    expect(codesOf(checked).sort()).toEqual(['AMOUNT_TOO_MANY_DECIMALS', 'CURRENCY_MISMATCH']);
  });

  it.each([
    [{ amount: '1e3', currency: 'EUR' }, 'write the number in full as 1000'],
    [{ amount: '1,000.00', currency: 'EUR' }, 'remove them and write 1000.00'],
    [{ amount: '-5', currency: 'EUR' }, 'without a sign'],
    [{ amount: '100' }, "fill currency with the fund's currency EUR"],
    [{ amount: '100', currency: 'USD' }, "currency USD is not the fund's currency EUR"],
    [{ units: '5', currency: 'USD' }, 'leave currency empty for a units order'],
  ])('explains %j', (given, message) => {
    const checked = checkQuantity(cells(given), 'EUR');
    expect(checked.ok ? [] : checked.issues.map((found) => found.message)).toContainEqual(
      expect.stringContaining(message),
    );
  });
});
