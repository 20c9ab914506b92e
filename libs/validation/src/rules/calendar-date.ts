import type { CalendarDate } from './zoned-time';

export type DateParse =
  { ok: true; date: CalendarDate } | { ok: false; reason: 'format' | 'calendar'; detail: string };

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Strict YYYY-MM-DD that names a day that exists (so 2027-02-29 and 2026-04-31 do not). */
export function parseIsoDate(text: string): DateParse {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { ok: false, reason: 'format', detail: 'is not in YYYY-MM-DD format' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return { ok: false, reason: 'calendar', detail: `has no month ${match[2]}` };
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    return {
      ok: false,
      reason: 'calendar',
      detail: `does not exist (${MONTHS[month - 1]} ${year} has ${length} days)`,
    };
  }
  return { ok: true, date: { year, month, day } };
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function weekdayName(date: CalendarDate): string {
  return WEEKDAYS[toUtc(date).getUTCDay()];
}

export function isWeekend(date: CalendarDate): boolean {
  const weekday = toUtc(date).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The first Monday-to-Friday day after `date` (public holidays are the TA's to know). */
export function nextWeekday(date: CalendarDate): CalendarDate {
  let next = addDays(date, 1);
  while (isWeekend(next)) next = addDays(next, 1);
  return next;
}

/** Negative, zero or positive as a is before, on or after b. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

// setUTCFullYear, because Date.UTC maps years 0–99 to 1900–1999.
function toUtc({ year, month, day }: CalendarDate): Date {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return utc;
}
