import { addBusinessDays, dealRefOf, fundCurrencyOf, navOf, priceExecution } from './calastone-pricing';

const receivedAt = new Date('2026-03-13T10:00:00Z'); // a Friday

describe(priceExecution.name, () => {
  it('prices the same ISIN the same, from 1 to 100 with 4 decimals, and ISINs apart', () => {
    const isins = ['LU0123456789', 'IE00B4L5Y983', 'GB00B03MLX29', 'US0378331005', 'FR0010315770'];
    const prices = isins.map(navOf);

    expect(isins.map(navOf)).toEqual(prices);
    expect(new Set(prices).size).toBe(isins.length);
    for (const price of prices) {
      expect(price).toMatch(/^\d{1,2}\.\d{4}$/);
      expect(Number(price)).toBeGreaterThanOrEqual(1);
    }
  });

  it('buys amount / NAV units, rounded half up to 4 decimals, and settles the amount sent', () => {
    const price = navOf('LU0123456789');
    const execution = priceExecution({
      fundIsin: 'LU0123456789',
      amount: { amount: '1000.50', currency: 'EUR' },
      receivedAt,
    })!;

    expect(execution.price).toEqual({ amount: price, currency: 'EUR' });
    expect(execution.settlementAmount).toEqual({ amount: '1000.50', currency: 'EUR' });
    expect(execution.units).toMatch(/^\d+\.\d{4}$/);
    expect(Math.abs(Number(execution.units) - 1000.5 / Number(price))).toBeLessThanOrEqual(0.00005);
  });

  it('rounds exactly, half up, where floating point would not', () => {
    // 10 / 3 at NAV 3.0000 → 3.3333 (down), 20 / 3 → 6.6667 (up); 13 integer digits stay exact.
    const at = (amount: string) =>
      priceExecution({ fundIsin: isinPricedAt('3.0000'), amount: { amount, currency: 'EUR' }, receivedAt })!
        .units;

    expect(at('10')).toBe('3.3333');
    expect(at('20')).toBe('6.6667');
    expect(at('1234567890123.45')).toBe('411522630041.1500');
  });

  it('settles units × NAV, rounded half up to cents, in the fund currency, for an order by units', () => {
    const isin = isinPricedAt('3.0000');
    const execution = priceExecution({ fundIsin: isin, units: '10.123456', receivedAt })!;

    expect(execution.units).toBe('10.123456');
    expect(execution.settlementAmount).toEqual({ amount: '30.37', currency: fundCurrencyOf(isin) });
    expect(fundCurrencyOf('GB00B03MLX29')).toBe('GBP');
    expect(fundCurrencyOf('LU0123456789')).toBe('EUR');
  });

  it('trades on the requested date, else the day received; settles as asked, else two business days on', () => {
    const today = priceExecution({ fundIsin: 'LU0123456789', units: '1', receivedAt })!;
    const asked = priceExecution({
      fundIsin: 'LU0123456789',
      units: '1',
      receivedAt,
      requestedTradeDate: '2026-03-20',
      settlementDate: '2026-03-25',
    })!;

    expect([today.tradeDate, today.settlementDate]).toEqual(['2026-03-13', '2026-03-17']);
    expect([asked.tradeDate, asked.settlementDate]).toEqual(['2026-03-20', '2026-03-25']);
    expect(addBusinessDays('2026-03-11', 2)).toBe('2026-03-13');
    expect(addBusinessDays('2026-12-31', 2)).toBe('2027-01-04');
  });

  it('cannot price an order without quantity, of zero, or too large for a confirmation', () => {
    const isin = 'LU0123456789';
    expect(priceExecution({ fundIsin: isin, receivedAt })).toBeUndefined();
    expect(priceExecution({ fundIsin: isin, units: '0', receivedAt })).toBeUndefined();
    expect(
      priceExecution({ fundIsin: isin, amount: { amount: '12345678901234', currency: 'EUR' }, receivedAt }),
    ).toBeUndefined();
    expect(
      priceExecution({ fundIsin: isin, amount: { amount: '1.123456', currency: 'EUR' }, receivedAt }),
    ).toBeUndefined();
    expect(priceExecution({ fundIsin: isin, units: '123456789012345678', receivedAt })).toBeUndefined();
  });
});

describe(dealRefOf.name, () => {
  it('gives the same deal reference for the same OrdrRef, a Max35Text', () => {
    expect(dealRefOf('MC0001')).toBe(dealRefOf('MC0001'));
    expect(dealRefOf('MC0001')).not.toBe(dealRefOf('MC0002'));
    expect(dealRefOf('MC0001')).toMatch(/^TA[0-9A-F]{16}$/);
  });
});

/** Some ISIN whose NAV is the given price (searched: the price comes from a hash). */
function isinPricedAt(price: string): string {
  for (let i = 0; i < 10_000_000; i++) {
    const isin = `XS${String(i).padStart(10, '0')}`;
    if (navOf(isin) === price) return isin;
  }
  throw new Error(`no ISIN priced at ${price}`);
}
