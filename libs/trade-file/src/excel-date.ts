const DAY_MS = 86_400_000;
// Day 0 of each date system, as Excel counts: 1900 (day 1 = 1900-01-01, with the 1900-02-29 Lotus bug
// kept) and 1904 (Mac legacy, day 0 = 1904-01-01).
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
// 9999-12-31, the last day Excel shows, in each system.
const LAST_SERIAL_1900 = 2_958_465;
const LAST_SERIAL_1904 = 2_957_003;

/**
 * The YYYY-MM-DD an Excel date serial shows as (a time of day is dropped, rounded to the millisecond as
 * Excel does), or undefined when no date shows for it. Excel dates carry no zone: UTC date parts.
 */
export function excelSerialDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  if (date1904) {
    return serial >= 0 && serial < LAST_SERIAL_1904 + 1
      ? isoDay(EPOCH_1904 + Math.round(serial * DAY_MS))
      : undefined;
  }
  if (serial < 1 || serial >= LAST_SERIAL_1900 + 1) return undefined;
  // Serials before 1900-03-01 are one day off from the real calendar, and 60 is the day that never was.
  if (serial >= 60 && serial < 61) return '1900-02-29';
  const shifted = serial < 60 ? serial + 1 : serial;
  return isoDay(EPOCH_1900 + Math.round(shifted * DAY_MS));
}

function isoDay(ms: number): string {
  const date = new Date(Math.floor(ms / DAY_MS) * DAY_MS);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
