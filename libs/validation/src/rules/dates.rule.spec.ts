import { checkSettlementDate, checkTradeDate, cutoffInstant, type DealingClock } from './dates.rule';
import { FRIDAY_MORNING } from './rules.fixtures';

const LONDON_NOON: DealingClock = { cutoffTime: '12:00', timezone: 'Europe/London' };
const NEW_YORK_4PM: DealingClock = { cutoffTime: '16:00', timezone: 'America/New_York' };

function codesOf(checked: { ok: true } | { ok: false; issues: { code: string }[] }): string[] {
  return checked.ok ? [] : checked.issues.map((found) => found.code);
}

describe(checkTradeDate.name, () => {
  it.each([
    ['today before the cut-off', '2026-03-27', LONDON_NOON, '2026-03-27T11:59:59Z'],
    ['a later weekday', '2026-03-30', LONDON_NOON, '2026-03-27T17:00:00Z'],
    ['a leap day', '2028-02-29', LONDON_NOON, '2026-03-27T09:00:00Z'],
    ['with spaces around it', ' 2026-03-30 ', LONDON_NOON, '2026-03-27T09:00:00Z'],
    [
      'a cut-off read from PostgreSQL as HH:MM:SS',
      '2026-03-27',
      { ...LONDON_NOON, cutoffTime: '12:00:00' },
      '2026-03-27T11:00:00Z',
    ],
    // 27 March: New York is already on EDT (UTC-4) while London is still on GMT.
    ['New York before 16:00 EDT', '2026-03-27', NEW_YORK_4PM, '2026-03-27T19:59:00Z'],
  ])('accepts %s', (_, cell, clock, now) => {
    expect(checkTradeDate(cell, clock, new Date(now))).toEqual({ ok: true, value: cell.trim() });
  });

  it.each([
    ['empty', '', 'TRADE_DATE_REQUIRED'],
    ['day first', '27/03/2026', 'TRADE_DATE_FORMAT'],
    ['an Excel serial number', '46108', 'TRADE_DATE_FORMAT'],
    ['Feb 29 in a non-leap year', '2027-02-29', 'TRADE_DATE_INVALID'],
    ['31 April', '2026-04-31', 'TRADE_DATE_INVALID'],
    ['a Saturday', '2026-03-28', 'TRADE_DATE_WEEKEND'],
    ['a Sunday', '2026-04-05', 'TRADE_DATE_WEEKEND'],
    ['yesterday', '2026-03-26', 'TRADE_DATE_IN_PAST'],
    ['last year', '2025-03-27', 'TRADE_DATE_IN_PAST'],
  ])('refuses %s', (_, cell, code) => {
    expect(codesOf(checkTradeDate(cell, LONDON_NOON, FRIDAY_MORNING))).toEqual([code]);
  });

  it('reports a past weekend day as both', () => {
    expect(codesOf(checkTradeDate('2026-03-22', LONDON_NOON, FRIDAY_MORNING))).toEqual([
      'TRADE_DATE_WEEKEND',
      'TRADE_DATE_IN_PAST',
    ]);
  });

  describe('cut-off', () => {
    it.each([
      ['exactly at the cut-off', '2026-03-27T12:00:00Z'],
      ['after the cut-off', '2026-03-27T15:00:00Z'],
      ['late in the evening', '2026-03-27T23:59:59Z'],
    ])('refuses today %s', (_, now) => {
      expect(codesOf(checkTradeDate('2026-03-27', LONDON_NOON, new Date(now)))).toEqual([
        'TRADE_DATE_AFTER_CUTOFF',
      ]);
    });

    it('says when the cut-off was, what time it is there and which day to use instead', () => {
      expect(checkTradeDate('2026-03-27', LONDON_NOON, new Date('2026-03-27T12:05:00Z'))).toEqual({
        ok: false,
        issues: [
          {
            code: 'TRADE_DATE_AFTER_CUTOFF',
            message:
              "trade_date 2026-03-27 is today and the fund's cut-off 12:00 (Europe/London) has passed " +
              '(it is 12:05 there): use the next dealing day, such as 2026-03-30',
          },
        ],
      });
    });

    // Europe/London springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October 2026.
    it.each([
      [
        'the Friday before the spring switch, 11:30 UTC = 11:30 GMT',
        '2026-03-27',
        '2026-03-27T11:30:00Z',
        [],
      ],
      [
        'the Monday after the spring switch, 11:30 UTC = 12:30 BST',
        '2026-03-30',
        '2026-03-30T11:30:00Z',
        ['TRADE_DATE_AFTER_CUTOFF'],
      ],
      ['the Monday after the spring switch, 10:59 UTC = 11:59 BST', '2026-03-30', '2026-03-30T10:59:00Z', []],
      [
        'the spring switch day itself, 11:00 UTC = 12:00 BST',
        '2026-03-29',
        '2026-03-29T11:00:00Z',
        ['TRADE_DATE_WEEKEND', 'TRADE_DATE_AFTER_CUTOFF'],
      ],
      [
        'the spring switch day itself, 10:59 UTC = 11:59 BST',
        '2026-03-29',
        '2026-03-29T10:59:00Z',
        ['TRADE_DATE_WEEKEND'],
      ],
      [
        'the Friday before the autumn switch, 11:30 UTC = 12:30 BST',
        '2026-10-23',
        '2026-10-23T11:30:00Z',
        ['TRADE_DATE_AFTER_CUTOFF'],
      ],
      ['the Monday after the autumn switch, 11:30 UTC = 11:30 GMT', '2026-10-26', '2026-10-26T11:30:00Z', []],
    ])('Europe/London, %s', (_, cell, now, codes) => {
      expect(codesOf(checkTradeDate(cell, LONDON_NOON, new Date(now)))).toEqual(codes);
    });

    // America/New_York springs forward on Sunday 8 March 2026 and falls back on Sunday 1 November 2026.
    it.each([
      [
        'the Friday before the spring switch, 20:30 UTC = 15:30 EST',
        '2026-03-06',
        '2026-03-06T20:30:00Z',
        [],
      ],
      [
        'the Monday after the spring switch, 20:30 UTC = 16:30 EDT',
        '2026-03-09',
        '2026-03-09T20:30:00Z',
        ['TRADE_DATE_AFTER_CUTOFF'],
      ],
      [
        'the spring switch day, 20:00 UTC = 16:00 EDT',
        '2026-03-08',
        '2026-03-08T20:00:00Z',
        ['TRADE_DATE_WEEKEND', 'TRADE_DATE_AFTER_CUTOFF'],
      ],
      [
        'the Friday before the autumn switch, 20:30 UTC = 16:30 EDT',
        '2026-10-30',
        '2026-10-30T20:30:00Z',
        ['TRADE_DATE_AFTER_CUTOFF'],
      ],
      ['the Monday after the autumn switch, 20:30 UTC = 15:30 EST', '2026-11-02', '2026-11-02T20:30:00Z', []],
    ])('America/New_York, %s', (_, cell, now, codes) => {
      expect(codesOf(checkTradeDate(cell, NEW_YORK_4PM, new Date(now)))).toEqual(codes);
    });

    it('never reopens a cut-off inside the hour the clocks repeat', () => {
      const clock = { cutoffTime: '01:30', timezone: 'Europe/London' };
      // 25 October 2026: 01:30 BST (00:30 UTC) passes, then the clock goes back and shows 01:10 GMT at 01:10 UTC.
      expect(codesOf(checkTradeDate('2026-10-25', clock, new Date('2026-10-25T01:10:00Z')))).toContain(
        'TRADE_DATE_AFTER_CUTOFF',
      );
    });
  });

  it("decides 'today' and 'past' in the fund's time zone, not UTC", () => {
    // 23:30 UTC on Friday is already Saturday morning in Tokyo, but still Friday afternoon in New York.
    const lateFriday = new Date('2026-03-27T23:30:00Z');
    expect(
      codesOf(checkTradeDate('2026-03-27', { cutoffTime: '15:00', timezone: 'Asia/Tokyo' }, lateFriday)),
    ).toEqual(['TRADE_DATE_IN_PAST']);
    expect(
      codesOf(
        checkTradeDate('2026-03-27', { cutoffTime: '20:00', timezone: 'America/New_York' }, lateFriday),
      ),
    ).toEqual([]);
    expect(codesOf(checkTradeDate('2026-03-27', NEW_YORK_4PM, lateFriday))).toEqual([
      'TRADE_DATE_AFTER_CUTOFF',
    ]);
  });

  it('runs only the calendar checks when the fund clock is unknown or unusable', () => {
    expect(checkTradeDate('2020-01-06', undefined, FRIDAY_MORNING).ok).toBe(true);
    expect(
      checkTradeDate('2020-01-06', { cutoffTime: '12:00', timezone: 'Mars/Olympus' }, FRIDAY_MORNING).ok,
    ).toBe(true);
    expect(codesOf(checkTradeDate('2020-01-04', undefined, FRIDAY_MORNING))).toEqual(['TRADE_DATE_WEEKEND']);
  });

  it.each([
    [
      '2026-03-28',
      'trade_date 2026-03-28 is a Saturday: funds deal on weekdays, use Monday 2026-03-30 or another weekday',
    ],
    ['2027-02-29', 'trade_date 2027-02-29 does not exist (February 2027 has 28 days): correct the date'],
    [
      '27/03/2026',
      "trade_date '27/03/2026' is not in YYYY-MM-DD format: write it as YYYY-MM-DD, such as 2026-03-30",
    ],
    ['2026-03-26', 'trade_date 2026-03-26 is in the past (today is 2026-03-27 in Europe/London'],
  ])('explains %s', (cell, message) => {
    const checked = checkTradeDate(cell, LONDON_NOON, FRIDAY_MORNING);
    expect(checked.ok ? undefined : checked.issues[0].message).toContain(message);
  });
});

describe(checkSettlementDate.name, () => {
  it.each([
    ['', '2026-03-30', null],
    ['2026-03-30', '2026-03-30', '2026-03-30'],
    ['2026-04-01', '2026-03-30', '2026-04-01'],
    ['2026-04-01', undefined, '2026-04-01'],
    ['2026-03-01', 'not a date', '2026-03-01'],
  ])('accepts %j with trade date %j', (cell, tradeDate, value) => {
    expect(checkSettlementDate(cell, tradeDate)).toEqual({ ok: true, value });
  });

  it.each([
    ['2026-03-27', '2026-03-30', 'SETTLEMENT_DATE_BEFORE_TRADE_DATE'],
    ['2027-02-29', '2026-03-30', 'SETTLEMENT_DATE_INVALID'],
    ['01/04/2026', '2026-03-30', 'SETTLEMENT_DATE_FORMAT'],
  ])('refuses %s with trade date %s', (cell, tradeDate, code) => {
    expect(codesOf(checkSettlementDate(cell, tradeDate))).toEqual([code]);
  });

  it('says how to fix a settlement before the trade date', () => {
    const checked = checkSettlementDate('2026-03-27', '2026-03-30');
    expect(checked.ok ? undefined : checked.issues[0].message).toBe(
      'settlement_date 2026-03-27 is before trade_date 2026-03-30: use a date on or after the trade date, or leave it empty',
    );
  });
});

describe(cutoffInstant.name, () => {
  it('is the cut-off wall-clock time of the fund, as an instant', () => {
    expect(cutoffInstant({ year: 2026, month: 3, day: 30 }, LONDON_NOON).toISOString()).toBe(
      '2026-03-30T11:00:00.000Z',
    );
    expect(cutoffInstant({ year: 2026, month: 3, day: 27 }, LONDON_NOON).toISOString()).toBe(
      '2026-03-27T12:00:00.000Z',
    );
  });

  it('refuses a malformed cut-off', () => {
    expect(() =>
      cutoffInstant({ year: 2026, month: 3, day: 30 }, { ...LONDON_NOON, cutoffTime: 'noon' }),
    ).toThrow(RangeError);
  });
});
