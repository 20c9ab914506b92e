import { TradeFileError, type TradeFileErrorDetails } from './trade-file.error';

export type TableFormat = 'csv' | 'xlsx';

/** "line 12" in a CSV, "sheet row 12" in a workbook: the words the operator's own tool uses. */
export function placeOf(format: TableFormat, line: number): string {
  return format === 'csv' ? `line ${line}` : `sheet row ${line}`;
}

/** "column 11" in a CSV, "column K" in a workbook. */
export function columnLabel(format: TableFormat, index: number): string {
  if (format === 'csv') return `column ${index + 1}`;
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return `column ${letters}`;
}

export function malformed(
  format: TableFormat,
  message: string,
  details: TradeFileErrorDetails,
): TradeFileError {
  return new TradeFileError(format === 'csv' ? 'MALFORMED_CSV' : 'MALFORMED_XLSX', message, details);
}

/** Quotes a name from the file for a message, cut short: a hostile header must not make a huge message. */
export function quoteForMessage(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** The uploaded file's name as messages show it. */
export function fileLabel(fileName: string): string {
  return fileName.trim() === '' ? 'The file' : `File ${quoteForMessage(fileName, 100)}`;
}
