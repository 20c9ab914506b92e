import { checkIsin, isinCheckDigit, isValidIsin, normaliseIsin } from './isin.rule';

describe(isValidIsin.name, () => {
  it.each([
    'US0378331005', // Apple
    'IE00B4L5Y983', // iShares Core MSCI World
    'LU0274208692', // Xtrackers MSCI World Swap
    'GB0002634946', // BAE Systems
    'US5949181045', // Microsoft
    'DE000BAY0017', // Bayer
    'FR0000131104', // BNP Paribas
    'AU0000XVGZA3', // letters in the middle
  ])('accepts the real ISIN %s', (isin) => {
    expect(isValidIsin(isin)).toBe(true);
  });

  it.each([
    ['US0378331006', 'check digit one off'],
    ['IE00B4L5Y984', 'check digit one off'],
    ['LU0274208693', 'check digit one off'],
    ['US0378331015', 'a body digit one off'],
    ['US0387331005', 'two digits swapped'],
    ['us0378331005', 'lower case (normalise first)'],
    ['US037833100', '11 characters'],
    ['US03783310055', '13 characters'],
    ['1S0378331005', 'country not letters'],
    ['US037833100X', 'check character not a digit'],
    ['US-378331005', 'punctuation'],
    ['', 'empty'],
  ])('refuses %s (%s)', (isin) => {
    expect(isValidIsin(isin)).toBe(false);
  });
});

describe(isinCheckDigit.name, () => {
  it.each([
    ['US037833100', 5],
    ['IE00B4L5Y98', 3],
    ['LU027420869', 2],
  ])('completes %s with %d', (first11, digit) => {
    expect(isinCheckDigit(first11)).toBe(digit);
  });
});

describe(normaliseIsin.name, () => {
  it('trims and upper-cases, as the fund master stores ISINs', () => {
    expect(normaliseIsin('  ie00b4l5y983 ')).toBe('IE00B4L5Y983');
  });
});

describe(checkIsin.name, () => {
  it('returns the normalised ISIN', () => {
    expect(checkIsin(' ie00b4l5y983')).toEqual({ ok: true, value: 'IE00B4L5Y983' });
  });

  it.each([
    ['', 'FUND_ISIN_REQUIRED', /empty/],
    ['   ', 'FUND_ISIN_REQUIRED', /empty/],
    ['IE00B4L5Y98', 'FUND_ISIN_FORMAT', /12 characters/],
    ['Vanguard Global', 'FUND_ISIN_FORMAT', /not an ISIN/],
    ['IE00B4L5Y984', 'FUND_ISIN_CHECK_DIGIT', /expected IE00B4L5Y983/],
  ])('refuses %j with %s', (cell, code, message) => {
    const checked = checkIsin(cell);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues).toHaveLength(1);
    expect(checked.issues[0]).toEqual({ code, message: expect.stringMatching(message) });
  });
});
