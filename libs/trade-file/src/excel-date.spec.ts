import { excelSerialDate } from './excel-date';

describe(excelSerialDate.name, () => {
  it.each([
    [46360, false, '2026-12-04'],
    [46360.99999, false, '2026-12-04'],
    // Within half a millisecond of midnight Excel shows the next day; so does this.
    [46360.9999999999, false, '2026-12-05'],
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, '1900-02-29'],
    [61, false, '1900-03-01'],
    [2958465, false, '9999-12-31'],
    [44898, true, '2026-12-04'],
    [0, true, '1904-01-01'],
  ])('%p (1904: %p) → %p', (serial, date1904, text) => {
    expect(excelSerialDate(serial, date1904)).toBe(text);
  });

  it.each([[0], [-1], [2958466], [Number.NaN], [Number.POSITIVE_INFINITY]])('%p shows no date', (serial) => {
    expect(excelSerialDate(serial, false)).toBeUndefined();
  });
});
