import type { RowError } from '@contingency/contracts';
import { VALIDATION_CODES, type ValidationCode } from './codes';

/** One problem found by a rule; the column follows from the code, the row from the caller. */
export interface RuleIssue {
  code: ValidationCode;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: RuleIssue[] };

export function issue(code: ValidationCode, message: string): RuleIssue {
  return { code, message };
}

export function pass<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function fail<T = never>(...issues: RuleIssue[]): Checked<T> {
  return { ok: false, issues };
}

export function issuesOf(checked: Checked<unknown>): RuleIssue[] {
  return checked.ok ? [] : checked.issues;
}

export function toRowError(row: number, { code, message }: RuleIssue): RowError {
  return { row, column: VALIDATION_CODES[code].column, code, message };
}

// Quotes a cell in a message; long cells are cut so that a message stays readable in the error list.
export function show(value: string, max = 40): string {
  const chars = [...value];
  return `'${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value}'`;
}
