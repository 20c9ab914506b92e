import { FUND_MASTER_COLUMNS, type FundMasterColumn } from './fund-master.codes';
import type { FundMasterCells } from './fund-master.parser';

// Test-only factories for the fund master specs.

export function fundCells(overrides: Partial<FundMasterCells> = {}): FundMasterCells {
  return {
    isin: 'LU1294538506',
    name: 'Aurelian Euro Short Duration Fund',
    provider: 'NON_GS',
    currency: 'EUR',
    cutoff_time: '12:00',
    timezone: 'Europe/Luxembourg',
    primary_route: 'CASIE',
    alternate_route: 'CALASTONE',
    status: 'OPEN',
    ...overrides,
  };
}

export const HEADER = FUND_MASTER_COLUMNS.join(',');

/** A CSV of the given rows in the standard column order (cells quoted when they need it). */
export function fundMasterCsv(
  rows: Partial<FundMasterCells>[],
  columns: readonly FundMasterColumn[] = FUND_MASTER_COLUMNS,
): string {
  const line = (cells: readonly string[]) =>
    cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return [line(columns), ...rows.map((r) => line(columns.map((c) => fundCells(r)[c])))].join('\r\n') + '\r\n';
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
