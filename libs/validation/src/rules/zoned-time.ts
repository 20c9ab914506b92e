// Wall-clock arithmetic in an IANA time zone with nothing but Intl, so DST comes from the platform's tz data.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

export interface WallClock extends CalendarDate, TimeOfDay {
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** 'HH:MM' (or 'HH:MM:SS' as PostgreSQL returns a time column; seconds must be 00). */
export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** What a clock on the wall in `timeZone` shows at this instant. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  return wallClockAtMs(instant.getTime(), timeZone);
}

/**
 * The first instant of `date` at which the wall clock in `timeZone` shows `time` or later. On a DST
 * overlap that is the earlier of the two readings; in a DST gap it is the moment the clock jumps.
 */
export function zonedInstant(date: CalendarDate, time: TimeOfDay, timeZone: string): Date {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offsets = new Set([offsetAt(wanted - 18 * HOUR, timeZone), offsetAt(wanted + 18 * HOUR, timeZone)]);
  const exact = [...offsets]
    .map((offset) => wanted - offset)
    .filter((t) => offsetAt(t, timeZone) === wanted - t);
  if (exact.length > 0) return new Date(Math.min(...exact));

  // Gap: the offset steps from `before` to `after` somewhere in [wanted - after, wanted - before].
  let low = wanted - Math.max(...offsets);
  let high = wanted - Math.min(...offsets);
  const after = offsetAt(high, timeZone);
  while (high - low > SECOND) {
    const middle = low + Math.floor((high - low) / 2 / SECOND) * SECOND;
    if (offsetAt(middle, timeZone) === after) high = middle;
    else low = middle;
  }
  return new Date(high);
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;

function wallClockAtMs(epochMs: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(epochMs)
      .map(({ type, value }) => [type, Number(value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** Milliseconds to add to UTC to read the wall clock at this instant (whole seconds). */
function offsetAt(epochMs: number, timeZone: string): number {
  const flooredMs = Math.floor(epochMs / SECOND) * SECOND;
  const wall = wallClockAtMs(flooredMs, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - flooredMs;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
