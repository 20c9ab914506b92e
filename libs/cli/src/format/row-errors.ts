import type { RowErrorAnswer } from '../api-schemas';
import { textTable } from './text-table';

/** Row errors as a table: row, column, code, message (warnings marked). */
export function formatRowErrors(errors: readonly RowErrorAnswer[]): string {
  return textTable([
    ['ROW', 'COLUMN', 'CODE', 'MESSAGE'],
    ...errors.map((e) => [
      String(e.row),
      e.column,
      e.severity === 'warning' ? `${e.code} (warning)` : e.code,
      e.message.replace(/\s+/g, ' '),
    ]),
  ]);
}
