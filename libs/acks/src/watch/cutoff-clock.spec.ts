import { cutoffAt, cutoffWindow, type FundClock, isoWithOffset, minutesLeft } from './cutoff-clock';

const london = { cutoffTime: '16:00', timezone: 'Europe/London' };
const newYork = { cutoffTime: '16:00:00', timezone: 'America/New_York' };
const tokyo = { cutoffTime: '15:00', timezone: 'Asia/Tokyo' };

const fund = (isin: string, clock: { cutoffTime: string; timezone: string }): FundClock => ({
  isin,
  ...clock,
});

describe(cutoffAt.name, () => {
  it.each([
    // Europe/London: GMT until 29 March 2026 01:00 UTC, then BST until 25 October 01:00 UTC.
    ['2026-03-27', '16:00', 'Europe/London', '2026-03-27T16:00:00.000Z'],
    ['2026-03-30', '16:00', 'Europe/London', '2026-03-30T15:00:00.000Z'],
    ['2026-10-23', '16:00', 'Europe/London', '2026-10-23T15:00:00.000Z'],
    ['2026-10-26', '16:00', 'Europe/London', '2026-10-26T16:00:00.000Z'],
    // America/New_York: EST until 8 March 2026, EDT until 1 November: three weeks a year the
    // New York cut-off is 4 hours after London's instead of 5.
    ['2026-03-06', '16:00:00', 'America/New_York', '2026-03-06T21:00:00.000Z'],
    ['2026-03-09', '16:00:00', 'America/New_York', '2026-03-09T20:00:00.000Z'],
    ['2026-03-27', '16:00:00', 'America/New_York', '2026-03-27T20:00:00.000Z'],
    ['2026-10-30', '16:00:00', 'America/New_York', '2026-10-30T20:00:00.000Z'],
    ['2026-11-02', '16:00:00', 'America/New_York', '2026-11-02T21:00:00.000Z'],
    // Asia/Tokyo has no DST: 9 hours before the same wall-clock time in UTC, all year.
    ['2026-01-15', '15:00', 'Asia/Tokyo', '2026-01-15T06:00:00.000Z'],
    ['2026-07-15', '15:00', 'Asia/Tokyo', '2026-07-15T06:00:00.000Z'],
  ])('%s %s %s is %s', (tradeDate, cutoffTime, timezone, expected) => {
    expect(cutoffAt(tradeDate, { cutoffTime, timezone })?.toISOString()).toBe(expected);
  });

  it('gives nothing for a date or a clock it cannot read', () => {
    expect(cutoffAt('2026-02-30', london)).toBeUndefined();
    expect(cutoffAt('30/03/2026', london)).toBeUndefined();
    expect(cutoffAt('2026-03-30', { cutoffTime: '25:00', timezone: 'Europe/London' })).toBeUndefined();
    expect(cutoffAt('2026-03-30', { cutoffTime: '16:00', timezone: 'Europe/Atlantis' })).toBeUndefined();
  });
});

describe(isoWithOffset.name, () => {
  it.each([
    ['2026-03-27T16:00:00.000Z', 'Europe/London', '2026-03-27T16:00:00+00:00'],
    ['2026-03-30T15:00:00.000Z', 'Europe/London', '2026-03-30T16:00:00+01:00'],
    ['2026-03-06T21:00:00.000Z', 'America/New_York', '2026-03-06T16:00:00-05:00'],
    ['2026-03-09T20:00:00.000Z', 'America/New_York', '2026-03-09T16:00:00-04:00'],
    ['2026-07-15T06:00:00.000Z', 'Asia/Tokyo', '2026-07-15T15:00:00+09:00'],
    ['2026-07-15T12:00:00.000Z', 'Asia/Kolkata', '2026-07-15T17:30:00+05:30'],
    ['2026-01-15T19:30:00.000Z', 'America/St_Johns', '2026-01-15T16:00:00-03:30'],
    // Across midnight: the wall clock's date, not UTC's.
    ['2026-07-14T23:30:00.000Z', 'Asia/Tokyo', '2026-07-15T08:30:00+09:00'],
  ])('%s in %s reads %s', (instant, timeZone, expected) => {
    expect(isoWithOffset(new Date(instant), timeZone)).toBe(expected);
  });

  it('names the same instant as the one it was given', () => {
    const instant = new Date('2026-10-25T00:30:00.000Z'); // 01:30 BST, the first of two 01:30s
    const text = isoWithOffset(instant, 'Europe/London');

    expect(text).toBe('2026-10-25T01:30:00+01:00');
    expect(new Date(text).getTime()).toBe(instant.getTime());
  });
});

describe(cutoffWindow.name, () => {
  const dates = (window: ReturnType<typeof cutoffWindow>, isin: string) =>
    window.due.filter((d) => d.isin === isin).map((d) => d.tradeDate);

  it("holds today's cut-off once the horizon reaches it, DST included", () => {
    const funds = [fund('GB0000000001', london)];
    // 30 March (BST): the cut-off is 15:00 UTC; on 27 March (GMT) it is 16:00 UTC.
    expect(dates(cutoffWindow(funds, new Date('2026-03-30T15:00:00Z')), 'GB0000000001')).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
    ]);
    expect(dates(cutoffWindow(funds, new Date('2026-03-30T14:59:59Z')), 'GB0000000001')).toEqual([
      '2026-03-28',
      '2026-03-29',
    ]);
    expect(dates(cutoffWindow(funds, new Date('2026-03-27T15:30:00Z')), 'GB0000000001')).toEqual([
      '2026-03-25',
      '2026-03-26',
    ]);
  });

  it('gives the exact instant of each due cut-off, and the first date whose cut-off surely passed', () => {
    const window = cutoffWindow(
      [fund('US0000000001', newYork), fund('JP0000000001', tokyo)],
      new Date('2026-03-09T20:30:00Z'),
    );

    expect(window.pastBefore).toBe('2026-03-07');
    expect(window.due).toEqual([
      { isin: 'US0000000001', tradeDate: '2026-03-07', cutoffAt: new Date('2026-03-07T21:00:00Z') },
      { isin: 'US0000000001', tradeDate: '2026-03-08', cutoffAt: new Date('2026-03-08T20:00:00Z') },
      { isin: 'US0000000001', tradeDate: '2026-03-09', cutoffAt: new Date('2026-03-09T20:00:00Z') },
      { isin: 'JP0000000001', tradeDate: '2026-03-07', cutoffAt: new Date('2026-03-07T06:00:00Z') },
      { isin: 'JP0000000001', tradeDate: '2026-03-08', cutoffAt: new Date('2026-03-08T06:00:00Z') },
      { isin: 'JP0000000001', tradeDate: '2026-03-09', cutoffAt: new Date('2026-03-09T06:00:00Z') },
    ]);
  });

  it("reaches the next UTC date where the fund's day starts earlier, and covers the far west", () => {
    const kiritimati = fund('KI0000000001', { cutoffTime: '09:00', timezone: 'Pacific/Kiritimati' }); // UTC+14
    const pagoPago = fund('AS0000000001', { cutoffTime: '23:00', timezone: 'Pacific/Pago_Pago' }); // UTC-11
    const window = cutoffWindow([kiritimati, pagoPago], new Date('2026-06-15T20:00:00Z'));

    // 16 June 09:00 in Kiritimati is 15 June 19:00 UTC.
    expect(dates(window, 'KI0000000001')).toEqual(['2026-06-13', '2026-06-14', '2026-06-15', '2026-06-16']);
    // 14 June 23:00 in Pago Pago is 15 June 10:00 UTC; 15 June's is 16 June 10:00 UTC.
    expect(dates(window, 'AS0000000001')).toEqual(['2026-06-13', '2026-06-14']);
    expect(window.pastBefore).toBe('2026-06-13');
  });

  it('leaves out a fund whose clock it cannot read', () => {
    const broken = fund('XX0000000001', { cutoffTime: '16:00', timezone: 'Mars/Olympus' });

    expect(cutoffWindow([broken], new Date('2026-06-15T20:00:00Z')).due).toEqual([]);
  });
});

describe(minutesLeft.name, () => {
  const cutoff = new Date('2026-03-30T15:00:00Z');

  it.each([
    ['2026-03-30T14:30:00Z', 30],
    ['2026-03-30T14:30:30Z', 29],
    ['2026-03-30T14:59:59Z', 0],
    ['2026-03-30T15:00:00Z', 0],
    ['2026-03-30T15:00:01Z', -1],
    ['2026-03-30T16:00:00Z', -60],
  ])('at %s: %i', (now, expected) => {
    expect(minutesLeft(cutoff, new Date(now))).toBe(expected);
  });
});
