import type { FundAnswer } from '../api-schemas';
import { textTable } from './text-table';

export function formatFunds(funds: readonly FundAnswer[]): string {
  if (funds.length === 0) return 'the fund master is empty\n';
  return textTable([
    ['ISIN', 'PROVIDER', 'CCY', 'CUTOFF', 'TIMEZONE', 'PRIMARY', 'ALTERNATE', 'STATUS', 'NAME'],
    ...funds.map((f) => [
      f.isin,
      f.provider,
      f.currency,
      f.cutoffTime,
      f.timezone,
      f.primaryRoute,
      f.alternateRoute ?? '-',
      f.status,
      f.name,
    ]),
  ]);
}
