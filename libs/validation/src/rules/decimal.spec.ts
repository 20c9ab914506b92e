import { canonicalDecimal, parsePlainDecimal } from './decimal';

describe(parsePlainDecimal.name, () => {
  it.each([
    ['1000', '1000', 0, 4],
    ['1000.50', '1000.5', 1, 5],
    ['1000.00', '1000', 0, 4],
    ['00012.500', '12.5', 1, 3],
    ['0.05', '0.05', 2, 1],
    ['0.000001', '0.000001', 6, 1],
    ['0', '0', 0, 1],
    ['0.000', '0', 0, 1],
    ['123456789012345678', '123456789012345678', 0, 18],
  ])('reads %s as %s with %d decimals and %d digits', (text, canonical, decimals, totalDigits) => {
    expect(parsePlainDecimal(text)).toEqual({
      ok: true,
      value: { canonical, decimals, totalDigits, isZero: canonical === '0' },
    });
  });

  it.each([
    ['1e3', false, 'exponent notation: write the number in full as 1000'],
    ['1.5E-2', false, 'exponent notation: write the number in full as 0.015'],
    ['2.5e+6', false, 'as 2500000'],
    ['1e999', false, 'exponent notation: write the number in full ('],
    ['1,000.00', false, 'thousands separators: remove them and write 1000.00'],
    ['1,234,567', false, 'write 1234567'],
    ['1,500', false, "write 1500 (or 1.500 if ',' was the decimal point)"],
    ['1 000', false, 'write 1000'],
    ["1'000.50", false, 'write 1000.50'],
    ['1.000,50', false, "uses ',' for decimals: use '.' for decimals and no separators, as 1000.50"],
    ['1000,5', false, "use '.', as 1000.5"],
    ['-5', true, "has a '-' sign"],
    ['-0', true, "has a '-' sign"],
    ['+5', false, "has a '+' sign: remove it and write 5"],
    ['.5', false, 'write 0.5'],
    ['5.', false, 'write 5'],
    ['€100', false, 'not a plain decimal number'],
    ['100 EUR', false, 'not a plain decimal number'],
    ['abc', false, 'not a plain decimal number'],
    ['1.2.3', false, 'not a plain decimal number'],
    ['e5', false, 'not a plain decimal number'],
    ['NaN', false, 'not a plain decimal number'],
    ['Infinity', false, 'not a plain decimal number'],
    ['0x10', false, 'not a plain decimal number'],
  ])('refuses %j (negative: %s) saying how to fix it', (text, negative, fix) => {
    const parsed = parsePlainDecimal(text);
    expect(parsed).toEqual({ ok: false, negative, fix: expect.stringContaining(fix) });
  });
});

describe(canonicalDecimal.name, () => {
  it.each([
    ['1000.50000000', '1000.5'], // a PostgreSQL numeric(28,8)
    [' 1000.50 ', '1000.5'],
    ['7', '7'],
    ['not a number', 'not a number'],
  ])('%j → %j', (text, canonical) => {
    expect(canonicalDecimal(text)).toBe(canonical);
  });
});
