const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (xs:date refuses 2025-02-30 and year 0000). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** ISODateTime in UTC to the second: 2025-03-14T09:30:00Z. */
export function isoDateTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('the date-time is not a valid Date');
  const text = at.toISOString();
  if (!/^(?!0000)\d{4}-/.test(text)) throw new RangeError(`the date-time ${text} is outside years 0001–9999`);
  return text.replace(/\.\d{3}Z$/, 'Z');
}
