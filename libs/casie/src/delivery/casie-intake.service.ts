import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import type { Order } from '@contingency/contracts';
import { PermanentError } from '@contingency/messaging';
import { LOGGER } from '@contingency/observability';
import { CasieDeliveries } from './casie-deliveries.repository';

// Still to be delivered to Casie: released, or sent with the outcome not known yet.
const AWAITING = new Set(['RELEASED', 'OUTCOME_UNKNOWN']);

/**
 * Takes released orders off orders.casie.v1 into casie_deliveries, in the consumer's transaction: no
 * call to Casie here (the worker calls with no transaction open). A trade already past RELEASED, or
 * failed over to another route, is skipped: a redelivered message changes nothing.
 */
@Injectable()
export class CasieIntake {
  constructor(
    private readonly deliveries: CasieDeliveries,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  async accept(tx: EntityManager, orders: readonly Order[]): Promise<{ opened: number; skipped: number }> {
    const states = new Map(
      (
        await this.deliveries.tradeStates(
          tx,
          orders.map((o) => o.tradeId),
        )
      ).map((t) => [t.id, t]),
    );
    const missing = orders.filter((o) => !states.has(o.tradeId));
    if (missing.length > 0) {
      throw new PermanentError(
        'TRADE_NOT_FOUND',
        `orders.casie.v1 names trade ${missing.map((o) => o.tradeId).join(', ')}, which is not in the ledger`,
      );
    }
    const foreign = orders.filter((o) => states.get(o.tradeId)?.orderRef !== o.orderRef);
    if (foreign.length > 0) {
      throw new PermanentError(
        'ORDER_REF_MISMATCH',
        `order ${foreign[0].orderRef} does not carry the order reference of trade ${foreign[0].tradeId}`,
      );
    }
    const due = orders.filter((o) => {
      const trade = states.get(o.tradeId)!;
      return trade.route === 'CASIE' && AWAITING.has(trade.status);
    });
    for (const o of orders.filter((order) => !due.includes(order))) {
      const trade = states.get(o.tradeId)!;
      this.logger?.info(
        `order ${o.orderRef} skipped: trade is ${trade.status} on route ${trade.route ?? 'none'}`,
        {
          tradeId: o.tradeId,
        },
      );
    }
    const opened = await this.deliveries.open(tx, latestPerTrade(due));
    return { opened, skipped: orders.length - due.length };
  }
}

// The same trade twice in one chunk (a replay right behind the original): one row, the later order.
function latestPerTrade(orders: readonly Order[]): Order[] {
  return [...new Map(orders.map((o) => [o.tradeId, o])).values()];
}
