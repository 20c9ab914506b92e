import { decimalText } from './decimal-text';

describe('decimalText', () => {
  it.each([
    ['1000.50000000', '1000.5'],
    ['1000.00000000', '1000'],
    ['0.00000100', '0.000001'],
    ['12345678901234567890.12345678', '12345678901234567890.12345678'],
    ['250000', '250000'],
  ])('%s → %s', (stored, shown) => {
    expect(decimalText(stored)).toBe(shown);
  });

  it('keeps null', () => {
    expect(decimalText(null)).toBeNull();
  });
});
