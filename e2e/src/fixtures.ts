import type { DataSource } from 'typeorm';
import type { TradeReceived } from '@contingency/contracts';

/** A GS fund routed to Casie, open all day (cut-off at 23:59 in UTC). */
export const CASIE_FUND = {
  isin: 'IE00B4L5Y983',
  name: 'Skeleton Liquidity Fund',
  provider: 'GS',
  currency: 'EUR',
  cutoffTime: '23:59',
  timezone: 'UTC',
  primaryRoute: 'CASIE',
  alternateRoute: null,
  status: 'OPEN',
} as const;

/** A non-GS fund whose reference data makes Calastone its primary route. */
export const CALASTONE_FUND = {
  isin: 'LU0274208692',
  name: 'Skeleton Global Equity Fund',
  provider: 'NON_GS',
  currency: 'EUR',
  cutoffTime: '23:59',
  timezone: 'UTC',
  primaryRoute: 'CALASTONE',
  alternateRoute: null,
  status: 'OPEN',
} as const;

/** A non-GS fund on Casie, failing over to Calastone while Casie is unavailable. */
export const FAILOVER_FUND = {
  isin: 'LU1294538506',
  name: 'Skeleton Income Fund',
  provider: 'NON_GS',
  currency: 'EUR',
  cutoffTime: '23:59',
  timezone: 'UTC',
  primaryRoute: 'CASIE',
  alternateRoute: 'CALASTONE',
  status: 'OPEN',
} as const;

export async function seedFunds(dataSource: DataSource): Promise<void> {
  for (const f of [CASIE_FUND, CALASTONE_FUND, FAILOVER_FUND]) {
    await dataSource.query(
      `INSERT INTO funds (isin, name, provider, currency, cutoff_time, timezone, primary_route, alternate_route, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (isin) DO NOTHING`,
      [
        f.isin,
        f.name,
        f.provider,
        f.currency,
        f.cutoffTime,
        f.timezone,
        f.primaryRoute,
        f.alternateRoute,
        f.status,
      ],
    );
  }
}

/** The next weekday strictly after today (UTC), so that no cut-off can interfere. */
export function nextWeekday(from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

export function tradeRow(
  row: number,
  overrides: Partial<TradeReceived['cells']> = {},
): Pick<TradeReceived, 'row' | 'cells'> {
  return {
    row,
    cells: {
      clientRef: `SK-${row}-${Math.random().toString(36).slice(2, 8)}`,
      orderType: 'SUBSCRIPTION',
      fundIsin: CASIE_FUND.isin,
      accountId: `ACC-${Math.random().toString(36).slice(2, 8)}`,
      amount: '250000.00',
      currency: 'EUR',
      units: '',
      tradeDate: nextWeekday(),
      settlementDate: '',
      comment: '',
      ...overrides,
    },
  };
}
