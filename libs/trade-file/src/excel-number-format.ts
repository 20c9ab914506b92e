// Built-in formats that show a date: 14-17 and 22 everywhere, 27-36 and 50-58 in East Asian locales.
// 18-21 and 45-47 show only a time of day, which is not a date.
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a number format shows a date, so that the number in the cell is a date serial. */
export function isDateFormat(numFmtId: number, formatCode: string | undefined): boolean {
  if (formatCode === undefined) return BUILT_IN_DATES.has(numFmtId);
  // Only the first section (positive numbers) decides; quoted text, escaped and padding characters and
  // [colour]/[$-locale]/[h] brackets say nothing about a date.
  const section = formatCode
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .split(';')[0]
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  if (/[yd]/.test(section)) return true;
  // "mmm" alone is a month; "mm:ss" is minutes.
  return section.includes('m') && !/[hs]/.test(section);
}
