import { TRADE_FILE_LIMITS } from './trade-file.limits';

// Enough raw characters to tell a cell over the limit: an escape below is 7 characters for one.
const RAW_CAP = 7 * (TRADE_FILE_LIMITS.maxCellChars + 1);

/** Appends a text event to what a cell has collected so far, never holding more than a cell may need. */
export function appendCapped(collected: string, text: string): string {
  if (collected.length >= RAW_CAP) return collected;
  const joined = collected + text;
  return joined.length > RAW_CAP ? joined.slice(0, RAW_CAP) : joined;
}

/**
 * Spreadsheet text as the operator typed it: OOXML writes characters XML cannot hold as `_xHHHH_`
 * (`_x000D_` for a carriage return) and a literal `_x` as `_x005F_x`. Anything over the cell limit is cut
 * one character past it, so the length check still refuses it.
 */
export function spreadsheetText(raw: string): string {
  const text = raw.includes('_x')
    ? raw.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : raw;
  const max = TRADE_FILE_LIMITS.maxCellChars + 1;
  return text.length > max ? text.slice(0, max) : text;
}
