import { orderFromTrade } from '@contingency/ledger';
import { z } from 'zod';
import { Route } from '@contingency/contracts';
import { toCasieOrder } from '@contingency/casie';
import type { TradeEntity } from '@contingency/ledger';
import { ApiError } from '../http/api-error';

/** What the approval names as the reason when an order takes its fund's primary route. */
export const PRIMARY_ROUTE_REASON = 'primary route';

export const TradePreview = z.object({
  route: Route,
  contentType: z.string().describe('application/json for Casie, application/xml for a setr document'),
  document: z.unknown().describe('the Casie order JSON, or the setr XML as text'),
});
export type TradePreview = z.infer<typeof TradePreview>;

/** The exact outbound document release sends for this trade, or a 409 saying why there is none yet. */
export function previewOf(trade: TradeEntity): TradePreview {
  switch (trade.route) {
    case null:
      throw new ApiError(
        409,
        'NOT_ROUTED',
        `trade ${trade.id} is ${trade.status} and has no route yet: only a validated trade has an outbound document`,
      );
    case 'CASIE':
      return {
        route: 'CASIE',
        contentType: 'application/json',
        document: toCasieOrder(orderFromTrade(trade, PRIMARY_ROUTE_REASON)),
      };
    case 'CALASTONE':
      throw new ApiError(
        409,
        'PREVIEW_UNAVAILABLE',
        `trade ${trade.id} goes to Calastone: its setr document cannot be previewed yet, the setr codec arrives with the Calastone adapter`,
      );
  }
}
