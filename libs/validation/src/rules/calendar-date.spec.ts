import {
  compareDates,
  formatIsoDate,
  isWeekend,
  nextWeekday,
  parseIsoDate,
  weekdayName,
} from './calendar-date';

describe(parseIsoDate.name, () => {
  it.each([
    ['2026-03-27', { year: 2026, month: 3, day: 27 }],
    ['2028-02-29', { year: 2028, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2026-12-31', { year: 2026, month: 12, day: 31 }],
  ])('reads %s', (text, date) => {
    expect(parseIsoDate(text)).toEqual({ ok: true, date });
  });

  it.each([
    ['2027-02-29', 'calendar', 'February 2027 has 28 days'],
    ['1900-02-29', 'calendar', 'February 1900 has 28 days'],
    ['2026-04-31', 'calendar', 'April 2026 has 30 days'],
    ['2026-03-00', 'calendar', 'March 2026 has 31 days'],
    ['2026-13-01', 'calendar', 'no month 13'],
    ['2026-00-10', 'calendar', 'no month 00'],
    ['27/03/2026', 'format', 'YYYY-MM-DD'],
    ['2026-3-27', 'format', 'YYYY-MM-DD'],
    ['2026-03-27T00:00:00Z', 'format', 'YYYY-MM-DD'],
    ['46108', 'format', 'YYYY-MM-DD'],
  ])('refuses %s (%s)', (text, reason, detail) => {
    expect(parseIsoDate(text)).toEqual({ ok: false, reason, detail: expect.stringContaining(detail) });
  });
});

describe(isWeekend.name, () => {
  it.each([
    ['2026-03-27', false, 'Friday'],
    ['2026-03-28', true, 'Saturday'],
    ['2026-03-29', true, 'Sunday'],
    ['2026-03-30', false, 'Monday'],
    ['2028-02-29', false, 'Tuesday'],
  ])('%s → %s (%s)', (text, weekend, name) => {
    const parsed = parseIsoDate(text);
    if (!parsed.ok) throw new Error(text);
    expect(isWeekend(parsed.date)).toBe(weekend);
    expect(weekdayName(parsed.date)).toBe(name);
  });
});

describe(nextWeekday.name, () => {
  it.each([
    ['2026-03-27', '2026-03-30'],
    ['2026-03-28', '2026-03-30'],
    ['2026-03-30', '2026-03-31'],
    ['2026-12-31', '2027-01-01'],
    ['2028-02-28', '2028-02-29'],
  ])('after %s comes %s', (from, expected) => {
    const parsed = parseIsoDate(from);
    if (!parsed.ok) throw new Error(from);
    expect(formatIsoDate(nextWeekday(parsed.date))).toBe(expected);
  });
});

describe(compareDates.name, () => {
  it('orders by year, month, day', () => {
    expect(compareDates({ year: 2026, month: 3, day: 27 }, { year: 2026, month: 3, day: 28 })).toBeLessThan(
      0,
    );
    expect(
      compareDates({ year: 2027, month: 1, day: 1 }, { year: 2026, month: 12, day: 31 }),
    ).toBeGreaterThan(0);
    expect(compareDates({ year: 2026, month: 3, day: 27 }, { year: 2026, month: 3, day: 27 })).toBe(0);
  });
});
