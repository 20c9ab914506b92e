import { checkCurrency } from './currency.rule';

describe(checkCurrency.name, () => {
  it.each([
    ['EUR', 'EUR'],
    [' usd ', 'USD'],
    ['Jpy', 'JPY'],
    ['', null],
    ['  ', null],
  ])('accepts %j as %j', (cell, value) => {
    expect(checkCurrency(cell)).toEqual({ ok: true, value });
  });

  it.each(['EURO', '€', 'HRK', 'XAU', 'US'])('refuses %j as CURRENCY_UNKNOWN', (cell) => {
    const checked = checkCurrency(cell, 'EUR');
    expect(checked).toEqual({
      ok: false,
      issues: [{ code: 'CURRENCY_UNKNOWN', message: expect.stringContaining("the fund's currency is EUR") }],
    });
  });
});
