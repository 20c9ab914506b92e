import { orderFromTrade } from '@contingency/ledger';
import { z } from 'zod';
import { Route } from '@contingency/contracts';
import { setrDocumentFor } from '@contingency/calastone';
import { toCasieOrder } from '@contingency/casie';
import { SetrPreflightError } from '@contingency/iso20022';
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
      return { route: 'CALASTONE', contentType: 'application/xml', document: setrPreview(trade) };
  }
}

// MsgId and CreDtTm are those of a first sending made now; everything else is what Calastone receives.
function setrPreview(trade: TradeEntity): string {
  try {
    return setrDocumentFor(orderFromTrade(trade, PRIMARY_ROUTE_REASON)).xml;
  } catch (error) {
    if (!(error instanceof SetrPreflightError)) throw error;
    throw new ApiError(
      422,
      'SETR_PREFLIGHT_FAILED',
      `trade ${trade.id} cannot be sent to Calastone, its setr document would fail the XSD: ${error.message}`,
    );
  }
}
