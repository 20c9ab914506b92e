import { isDateFormat } from './excel-number-format';

describe(isDateFormat.name, () => {
  it.each([
    [14, undefined, true],
    [22, undefined, true],
    [57, undefined, true],
    [0, undefined, false],
    [2, undefined, false],
    [20, undefined, false],
    [49, undefined, false],
    [164, 'yyyy\\-mm\\-dd;@', true],
    [165, 'dd/mm/yyyy', true],
    [166, '[$-409]d-mmm-yy;@', true],
    [167, 'mmm', true],
    [168, '[h]:mm:ss', false],
    [169, 'mm:ss', false],
    [170, '#,##0.00 "days"', false],
    [171, '[Red]#,##0.00;[Blue]-#,##0.00', false],
    [172, '0.00E+00', false],
    [173, 'General', false],
    [174, '#,##0 \\d', false],
    [175, '@', false],
    // A custom code wins over the built-in meaning of its id.
    [14, '0.00', false],
  ])('%p %p → %p', (id, code, isDate) => {
    expect(isDateFormat(id, code)).toBe(isDate);
  });
});
