import { neutraliseFormula } from './neutralise-formula';

describe(neutraliseFormula.name, () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-1+cmd|calc', '@SUM(A1)', '\t=1', '\r=1', '-', '=', '+ 1'])(
    'prefixes an apostrophe to %p',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(['-12.5', '+3', '-0.000001', '-1e5', 'REF-1', 'plain text', '', "'=already", ' =x'])(
    'keeps %p',
    (text) => {
      expect(neutraliseFormula(text)).toBe(text);
    },
  );
});
