import { isIsoDate, isoDateTime } from './iso-date';

describe(isIsoDate.name, () => {
  it.each(['2025-03-14', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '0000-01-01',
    '2025-3-14',
    '14/03/2025',
    '2025-03-14T00:00:00Z',
    '',
  ])('refuses %j', (d) => {
    expect(isIsoDate(d)).toBe(false);
  });
});

describe(isoDateTime.name, () => {
  it('writes UTC to the second', () => {
    expect(isoDateTime(new Date('2025-03-14T09:30:12.345+01:00'))).toBe('2025-03-14T08:30:12Z');
  });

  it('refuses an invalid Date', () => {
    expect(() => isoDateTime(new Date('nope'))).toThrow(RangeError);
  });
});
