import { z } from 'zod';
import { FundStatus, Provider, Route } from '@contingency/contracts';
import type { FundEntity } from '@contingency/ledger';

export const FundView = z.object({
  isin: z.string(),
  name: z.string(),
  provider: Provider,
  currency: z.string(),
  cutoffTime: z.string().describe("HH:MM in the fund's time zone"),
  timezone: z.string().describe('IANA time zone name'),
  primaryRoute: Route,
  alternateRoute: z.literal('CALASTONE').nullable(),
  status: FundStatus,
  updatedAt: z.string().describe('when this master was loaded (ISO 8601)'),
});
export type FundView = z.infer<typeof FundView>;

export const FundList = z.object({ items: z.array(FundView) });
export const FundsReplaced = z.object({ count: z.number().int().positive() });

export const FundMasterRowErrorView = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});

export const InvalidFundMasterBody = z.object({
  error: z.object({
    code: z.literal('INVALID_FUND_MASTER'),
    message: z.string(),
    details: z.object({ errors: z.array(FundMasterRowErrorView), errorCount: z.number().int() }),
  }),
});

export function toFundView(fund: FundEntity): FundView {
  return {
    isin: fund.isin,
    name: fund.name,
    provider: fund.provider,
    currency: fund.currency,
    cutoffTime: fund.cutoffTime.slice(0, 5),
    timezone: fund.timezone,
    primaryRoute: fund.primaryRoute,
    alternateRoute: fund.alternateRoute,
    status: fund.status,
    updatedAt: fund.updatedAt.toISOString(),
  };
}
