import { decimalText } from './decimal-text';

/**
 * The text of a workbook cell value as exceljs reports it: numbers as plain decimals, dates as
 * YYYY-MM-DD, rich text joined, a formula's cached result, a hyperlink's text, an error's code.
 */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return decimalText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== 'object') return '';
  const cell = value as Record<string, unknown>;
  if (Array.isArray(cell.richText)) {
    return cell.richText
      .map((run: unknown) => xlsxCellText((run as { text?: unknown } | null)?.text))
      .join('');
  }
  if ('formula' in cell || 'sharedFormula' in cell) return xlsxCellText(cell.result);
  if ('hyperlink' in cell) return xlsxCellText(cell.text);
  if (typeof cell.error === 'string') return cell.error;
  if ('text' in cell) return xlsxCellText(cell.text);
  return '';
}

// Excel dates carry no zone; exceljs builds them at UTC midnight, so the UTC calendar day is the cell's.
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}
