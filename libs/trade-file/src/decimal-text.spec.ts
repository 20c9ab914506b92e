import { decimalText } from './decimal-text';

describe(decimalText.name, () => {
  it.each([
    [1000.5, '1000.5'],
    [1000, '1000'],
    [-12.25, '-12.25'],
    [0.1 + 0.2, '0.3'],
    [1.12345678, '1.12345678'],
    [1.123456789, '1.12345679'],
    [0.0000001, '0.0000001'],
    [1e-9, '0'],
    [-0, '0'],
    [123456789012.34, '123456789012.34'],
    [1.5e21, '1500000000000000000000'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
  ])('%p → %p', (value, text) => {
    expect(decimalText(value)).toBe(text);
  });
});
