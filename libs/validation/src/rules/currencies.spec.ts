import { ISO_4217_CODES, isActiveCurrency, minorUnitsOf } from './currencies';

describe(minorUnitsOf.name, () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['CHF', 2],
    ['SEK', 2],
    ['NOK', 2],
    ['DKK', 2],
    ['CAD', 2],
    ['AUD', 2],
    ['NZD', 2],
    ['HKD', 2],
    ['SGD', 2],
    ['CNY', 2],
    ['ZAR', 2],
    ['PLN', 2],
    ['CZK', 2],
    ['HUF', 2],
    ['ILS', 2],
    ['MXN', 2],
    ['BRL', 2],
    ['INR', 2],
    ['TWD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['CLP', 0],
    ['VND', 0],
    ['XOF', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['OMR', 3],
    ['JOD', 3],
    ['TND', 3],
    ['IQD', 3],
    ['LYD', 3],
  ])('%s has %d minor units', (code, units) => {
    expect(minorUnitsOf(code)).toBe(units);
  });

  it.each(['HRK', 'XAU', 'XXX', 'EURO', 'eur', '', 'constructor', 'toString'])('does not know %j', (code) => {
    expect(minorUnitsOf(code)).toBeUndefined();
    expect(isActiveCurrency(code)).toBe(false);
  });

  it('holds only 3-letter upper-case codes with 0, 2, 3 or 4 minor units', () => {
    expect(ISO_4217_CODES.length).toBeGreaterThan(150);
    for (const code of ISO_4217_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(minorUnitsOf(code));
    }
  });
});
