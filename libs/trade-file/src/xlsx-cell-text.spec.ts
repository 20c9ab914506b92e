import { xlsxCellText } from './xlsx-cell-text';

describe(xlsxCellText.name, () => {
  it.each([
    ['empty', null, ''],
    ['text', 'REF-1', 'REF-1'],
    ['a number', 1000.5, '1000.5'],
    ['a float artefact', 0.1 + 0.2, '0.3'],
    ['a date (exceljs builds it at UTC midnight)', new Date(Date.UTC(2026, 11, 4)), '2026-12-04'],
    ['a date-time', new Date(Date.UTC(2026, 0, 9, 23, 30)), '2026-01-09'],
    ['an invalid date', new Date(Number.NaN), ''],
    ['a boolean', true, 'TRUE'],
    ['rich text', { richText: [{ text: 'Zür' }, { text: 'ich' }] }, 'Zürich'],
    ['a formula result', { formula: 'A1*2', result: 2001 }, '2001'],
    [
      'a shared formula result',
      { sharedFormula: 'B2', result: new Date(Date.UTC(2026, 11, 8)) },
      '2026-12-08',
    ],
    ['a formula without a cached result', { formula: 'A1*2' }, ''],
    ['a hyperlink', { text: 'see', hyperlink: 'https://example.com' }, 'see'],
    ['an error', { error: '#N/A' }, '#N/A'],
    ['something unknown', { foo: 1 }, ''],
  ])('%s', (_what, value, text) => {
    expect(xlsxCellText(value)).toBe(text);
  });
});
