import { AMOUNT_DIGITS, canonicalDecimal, fitsDigits, UNITS_DIGITS, xsdDecimalText } from './decimal-number';

describe(canonicalDecimal.name, () => {
  it.each([
    ['1000.50', '1000.5', 5, 1],
    ['0012.000', '12', 2, 0],
    ['0.00010', '0.0001', 4, 4],
    ['0', '0', 0, 0],
    ['123456789012345678', '123456789012345678', 18, 0],
  ])('%s → %s (%i digits, %i after the point)', (input, text, total, fraction) => {
    expect(canonicalDecimal(input)).toMatchObject({ text, totalDigits: total, fractionDigits: fraction });
  });

  it.each(['', '-1', '+1', '1e5', '1,5', ' 1', '1.', '.5', 'abc', '١٢'])('refuses %j', (input) => {
    expect(canonicalDecimal(input)).toBeUndefined();
  });

  it('knows zero however it is written', () => {
    expect(canonicalDecimal('000.000')?.isZero).toBe(true);
    expect(canonicalDecimal('0.001')?.isZero).toBe(false);
  });
});

describe(xsdDecimalText.name, () => {
  it('keeps trailing zeros when the digits as written fit', () => {
    expect(xsdDecimalText('1000.50', AMOUNT_DIGITS)).toBe('1000.50');
    expect(xsdDecimalText('007.10', AMOUNT_DIGITS)).toBe('7.10');
  });

  it('writes the canonical form when the written digits would not fit but the value does', () => {
    expect(xsdDecimalText('100.000000', AMOUNT_DIGITS)).toBe('100');
    expect(xsdDecimalText('12345678901234567.10', AMOUNT_DIGITS)).toBe('12345678901234567.1');
  });

  it('refuses a value that does not fit', () => {
    expect(xsdDecimalText('1.123456', AMOUNT_DIGITS)).toBeUndefined();
    expect(xsdDecimalText('1234567890123456789', AMOUNT_DIGITS)).toBeUndefined();
    expect(xsdDecimalText('0.000000000000000001', UNITS_DIGITS)).toBeUndefined();
  });

  it('agrees with fitsDigits on the 18-digit edge', () => {
    expect(fitsDigits(canonicalDecimal('1234567890123.12345')!, AMOUNT_DIGITS)).toBe(true);
    expect(fitsDigits(canonicalDecimal('12345678901234.12345')!, AMOUNT_DIGITS)).toBe(false);
  });
});
