import { neutraliseFormula } from './neutralise-formula';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV record for an export, CRLF-terminated (RFC 4180): each value neutralised, quoted if needed. */
export function toCsvLine(values: readonly string[]): string {
  return `${values.map((value) => quoteCsv(neutraliseFormula(value))).join(',')}\r\n`;
}

function quoteCsv(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
