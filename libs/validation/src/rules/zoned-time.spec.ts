import { isValidTimeZone, parseTimeOfDay, wallClockAt, zonedInstant } from './zoned-time';

function instant(date: string, time: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return zonedInstant({ year, month, day }, { hour, minute }, timeZone).toISOString();
}

describe(zonedInstant.name, () => {
  it.each([
    // Europe/London: GMT until Sunday 29 March 2026 01:00 UTC, BST until Sunday 25 October 01:00 UTC.
    ['2026-03-27', '12:00', 'Europe/London', '2026-03-27T12:00:00.000Z'],
    ['2026-03-29', '12:00', 'Europe/London', '2026-03-29T11:00:00.000Z'],
    ['2026-03-30', '12:00', 'Europe/London', '2026-03-30T11:00:00.000Z'],
    ['2026-10-25', '12:00', 'Europe/London', '2026-10-25T12:00:00.000Z'],
    ['2026-10-23', '12:00', 'Europe/London', '2026-10-23T11:00:00.000Z'],
    // America/New_York: EST until Sunday 8 March 2026 07:00 UTC, EDT until Sunday 1 November 06:00 UTC.
    ['2026-03-06', '16:00', 'America/New_York', '2026-03-06T21:00:00.000Z'],
    ['2026-03-08', '16:00', 'America/New_York', '2026-03-08T20:00:00.000Z'],
    ['2026-03-09', '16:00', 'America/New_York', '2026-03-09T20:00:00.000Z'],
    ['2026-11-01', '16:00', 'America/New_York', '2026-11-01T21:00:00.000Z'],
    ['2026-06-15', '16:00', 'Asia/Tokyo', '2026-06-15T07:00:00.000Z'],
    ['2026-06-15', '17:30', 'Asia/Kolkata', '2026-06-15T12:00:00.000Z'],
    ['2026-06-15', '12:00', 'UTC', '2026-06-15T12:00:00.000Z'],
  ])('%s %s %s is %s', (date, time, timeZone, expected) => {
    expect(instant(date, time, timeZone)).toBe(expected);
  });

  it.each([
    // A cut-off inside a DST gap falls when the clock jumps past it.
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:00:00.000Z'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    ['2026-10-04', '02:15', 'Australia/Lord_Howe', '2026-10-03T15:30:00.000Z'],
    // A cut-off inside a DST overlap falls on its first reading.
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    // Samoa skipped 30 December 2011 altogether.
    ['2011-12-30', '12:00', 'Pacific/Apia', '2011-12-30T10:00:00.000Z'],
  ])('%s %s %s, a DST edge, is %s', (date, time, timeZone, expected) => {
    expect(instant(date, time, timeZone)).toBe(expected);
  });
});

describe(wallClockAt.name, () => {
  it('reads the wall clock of the zone, across the date line', () => {
    expect(wallClockAt(new Date('2026-03-27T23:30:00Z'), 'Asia/Tokyo')).toEqual({
      year: 2026,
      month: 3,
      day: 28,
      hour: 8,
      minute: 30,
      second: 0,
    });
    expect(wallClockAt(new Date('2026-03-28T00:00:00Z'), 'America/New_York')).toMatchObject({
      day: 27,
      hour: 20,
    });
  });
});

describe(isValidTimeZone.name, () => {
  it.each(['Europe/London', 'America/New_York', 'Asia/Tokyo', 'UTC'])('accepts %s', (timeZone) => {
    expect(isValidTimeZone(timeZone)).toBe(true);
  });

  it.each(['Europe/Atlantis', 'GMT+25', '', 'London'])('refuses %j', (timeZone) => {
    expect(isValidTimeZone(timeZone)).toBe(false);
  });
});

describe(parseTimeOfDay.name, () => {
  it.each([
    ['12:00', { hour: 12, minute: 0 }],
    ['09:30', { hour: 9, minute: 30 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['16:00:00', { hour: 16, minute: 0 }],
  ])('reads %s', (text, time) => {
    expect(parseTimeOfDay(text)).toEqual(time);
  });

  it.each(['24:00', '9:30', '12:60', '12:00:30', 'noon', ''])('refuses %j', (text) => {
    expect(parseTimeOfDay(text)).toBeUndefined();
  });
});
