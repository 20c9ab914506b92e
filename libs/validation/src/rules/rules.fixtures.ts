import type { FundRef } from './fund.rule';
import type { TradeCells } from './trade';

// Friday 27 March 2026, 09:00 in London and Dublin (still GMT: the clocks go forward on Sunday 29th).
export const FRIDAY_MORNING = new Date('2026-03-27T09:00:00Z');

export function aFund(overrides: Partial<FundRef> = {}): FundRef {
  return {
    isin: 'IE00B4L5Y983',
    name: 'Global Liquidity Fund',
    provider: 'NON_GS',
    currency: 'EUR',
    cutoffTime: '12:00',
    timezone: 'Europe/Dublin',
    primaryRoute: 'CASIE',
    alternateRoute: 'CALASTONE',
    status: 'OPEN',
    ...overrides,
  };
}

export function someCells(overrides: Partial<TradeCells> = {}): TradeCells {
  return {
    clientRef: 'ORD-0001',
    orderType: 'SUBSCRIPTION',
    fundIsin: 'IE00B4L5Y983',
    accountId: 'ACC-42',
    amount: '1000.50',
    currency: 'EUR',
    units: '',
    tradeDate: '2026-03-30',
    settlementDate: '',
    comment: '',
    ...overrides,
  };
}
