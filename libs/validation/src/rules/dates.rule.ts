import {
  compareDates,
  formatIsoDate,
  isWeekend,
  nextWeekday,
  parseIsoDate,
  weekdayName,
} from './calendar-date';
import { type Checked, fail, issue, pass, type RuleIssue, show } from './issue';
import { type CalendarDate, isValidTimeZone, parseTimeOfDay, wallClockAt, zonedInstant } from './zoned-time';

/** The part of a fund that decides "today" and "too late": its cut-off ('HH:MM') in its IANA time zone. */
export interface DealingClock {
  cutoffTime: string;
  timezone: string;
}

/**
 * trade_date: a real weekday, and, when the fund's clock is known, not before today in the fund's time
 * zone and, if today, `now` before the cut-off. Without a usable clock only the calendar checks run (the
 * fund rule reports why).
 */
export function checkTradeDate(cell: string, clock: DealingClock | undefined, now: Date): Checked<string> {
  const text = cell.trim();
  const today = usable(clock) ? localDate(now, clock.timezone) : undefined;
  const example = formatIsoDate(nextWeekday(today ?? utcDate(now)));
  if (text === '') {
    return fail(
      issue(
        'TRADE_DATE_REQUIRED',
        `trade_date is empty: fill in the dealing date as YYYY-MM-DD, such as ${example}`,
      ),
    );
  }
  const parsed = parseIsoDate(text);
  if (!parsed.ok) {
    return parsed.reason === 'format'
      ? fail(
          issue(
            'TRADE_DATE_FORMAT',
            `trade_date ${show(text)} ${parsed.detail}: write it as YYYY-MM-DD, such as ${example} ` +
              '(format the spreadsheet cell as Text)',
          ),
        )
      : fail(issue('TRADE_DATE_INVALID', `trade_date ${text} ${parsed.detail}: correct the date`));
  }

  const date = parsed.date;
  const issues: RuleIssue[] = [];
  if (isWeekend(date)) {
    const monday = nextWeekday(date);
    issues.push(
      issue(
        'TRADE_DATE_WEEKEND',
        `trade_date ${text} is a ${weekdayName(date)}: funds deal on weekdays, use ${weekdayName(monday)} ` +
          `${formatIsoDate(monday)} or another weekday`,
      ),
    );
  }
  if (today && usable(clock)) {
    const sinceToday = compareDates(date, today);
    if (sinceToday < 0) {
      issues.push(
        issue(
          'TRADE_DATE_IN_PAST',
          `trade_date ${text} is in the past (today is ${formatIsoDate(today)} in ${clock.timezone}, ` +
            "the fund's time zone): use today or a later dealing day",
        ),
      );
    } else if (sinceToday === 0 && now.getTime() >= cutoffInstant(date, clock).getTime()) {
      const wall = wallClockAt(now, clock.timezone);
      const cutoff = parseTimeOfDay(clock.cutoffTime) ?? wall;
      issues.push(
        issue(
          'TRADE_DATE_AFTER_CUTOFF',
          `trade_date ${text} is today and the fund's cut-off ${hhmm(cutoff.hour, cutoff.minute)} (${clock.timezone}) ` +
            `has passed (it is ${hhmm(wall.hour, wall.minute)} there): use the next dealing day, ` +
            `such as ${formatIsoDate(nextWeekday(date))}`,
        ),
      );
    }
  }
  return issues.length > 0 ? fail(...issues) : pass(text);
}

/** settlement_date: optional; a real date, not before the trade date (when that one is valid). */
export function checkSettlementDate(cell: string, tradeDate: string | undefined): Checked<string | null> {
  const text = cell.trim();
  if (text === '') return pass(null);
  const parsed = parseIsoDate(text);
  if (!parsed.ok) {
    return parsed.reason === 'format'
      ? fail(
          issue(
            'SETTLEMENT_DATE_FORMAT',
            `settlement_date ${show(text)} ${parsed.detail}: write it as YYYY-MM-DD or leave it empty ` +
              '(format the spreadsheet cell as Text)',
          ),
        )
      : fail(
          issue(
            'SETTLEMENT_DATE_INVALID',
            `settlement_date ${text} ${parsed.detail}: correct the date or leave it empty`,
          ),
        );
  }
  const trade = tradeDate === undefined ? undefined : parseIsoDate(tradeDate);
  if (trade?.ok && compareDates(parsed.date, trade.date) < 0) {
    return fail(
      issue(
        'SETTLEMENT_DATE_BEFORE_TRADE_DATE',
        `settlement_date ${text} is before trade_date ${tradeDate}: use a date on or after the trade date, or leave it empty`,
      ),
    );
  }
  return pass(text);
}

/** The instant the fund stops dealing for `date`, DST-correct. Assumes a usable clock. */
export function cutoffInstant(date: CalendarDate, clock: DealingClock): Date {
  const cutoff = parseTimeOfDay(clock.cutoffTime);
  if (!cutoff) throw new RangeError(`cut-off '${clock.cutoffTime}' is not HH:MM`);
  return zonedInstant(date, cutoff, clock.timezone);
}

export function isUsableClock(clock: DealingClock): boolean {
  return isValidTimeZone(clock.timezone) && parseTimeOfDay(clock.cutoffTime) !== undefined;
}

function usable(clock: DealingClock | undefined): clock is DealingClock {
  return clock !== undefined && isUsableClock(clock);
}

function localDate(now: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClockAt(now, timeZone);
  return { year, month, day };
}

function utcDate(now: Date): CalendarDate {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

function hhmm(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
