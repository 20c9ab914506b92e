import {
  cutoffInstant,
  type DealingClock,
  isUsableClock,
  parseIsoDate,
  wallClockAt,
} from '@contingency/validation';

/** A fund as the watch needs it: its ISIN and its dealing clock (cut-off HH:MM in an IANA time zone). */
export interface FundClock extends DealingClock {
  isin: string;
}

/** One fund's cut-off on one trade date. */
export interface DueCutoff {
  isin: string;
  tradeDate: string;
  cutoffAt: Date;
}

/**
 * The cut-offs that fall at or before `horizon`, as two parts the sweep can hand to one query: the exact
 * instants for the trade dates near the horizon, and `pastBefore`, the first trade date of that window:
 * every earlier trade date's cut-off has passed in any time zone.
 */
export interface CutoffWindow {
  due: DueCutoff[];
  pastBefore: string;
}

const DAY_MS = 86_400_000;

/** The instant the fund stops dealing for `tradeDate` (YYYY-MM-DD), DST-correct; undefined if unusable. */
export function cutoffAt(tradeDate: string, fund: DealingClock): Date | undefined {
  const parsed = parseIsoDate(tradeDate);
  if (!parsed.ok || !isUsableClock(fund)) return undefined;
  return cutoffInstant(parsed.date, fund);
}

/**
 * Which cut-offs have come within reach of `horizon` (now + the warning). A date's cut-off lies between
 * its UTC midnight minus 14 hours (UTC+14) and its end plus 12 hours (UTC-12), so only the trade dates
 * from two days before the horizon's UTC date to the day after need computing; earlier ones have passed,
 * later ones are beyond it.
 */
export function cutoffWindow(funds: readonly FundClock[], horizon: Date): CutoffWindow {
  const day = Math.floor(horizon.getTime() / DAY_MS) * DAY_MS;
  const dates = [-2, -1, 0, 1].map((offset) => isoDate(day + offset * DAY_MS));
  const due: DueCutoff[] = [];
  for (const fund of funds) {
    for (const tradeDate of dates) {
      const at = cutoffAt(tradeDate, fund);
      if (at && at.getTime() <= horizon.getTime()) due.push({ isin: fund.isin, tradeDate, cutoffAt: at });
    }
  }
  return { due, pastBefore: dates[0] };
}

/** Whole minutes until the cut-off, rounded down: 0 in its last minute, negative once it has passed. */
export function minutesLeft(cutoff: Date, now: Date): number {
  return Math.floor((cutoff.getTime() - now.getTime()) / 60_000);
}

/** The instant as the fund's clock reads it, with its offset: 2026-03-30T16:00:00+01:00. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  const wall = wallClockAt(new Date(seconds), timeZone);
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetMinutes = Math.round((wallMs - seconds) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${new Date(wallMs).toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const isoDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);
const pad = (n: number): string => String(n).padStart(2, '0');
