import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import type { Order } from '@contingency/contracts';
import {
  SetrPreflightError,
  SetrValidatorError,
  type SetrOrderDocument,
  type SetrValidator,
} from '@contingency/iso20022';
import { queryRows, TradeLedger } from '@contingency/ledger';
import { PermanentError, RetryableError } from '@contingency/messaging';
import { LOGGER } from '@contingency/observability';
import { CalastoneMetrics } from '../calastone.metrics';
import { setrDocumentFor } from '../setr-document';
import { SETR_VALIDATOR } from '../setr-validator.provider';
import { CalastoneDeliveries, type NewDelivery } from './calastone-deliveries.repository';

export const CALASTONE_ACTOR = 'calastone-adapter';

interface TradeState {
  id: string;
  status: string;
  route: string | null;
  orderRef: string | null;
}

/**
 * Takes released orders off orders.calastone.v1, in the consumer's transaction: builds each one's setr
 * document and validates it against the official XSD. A document that fails is never sent — the trade is
 * NACKED with the reason — the others open a delivery with their exact document. Nothing is written to
 * the mailbox here (the worker does, with no transaction open). A trade already past RELEASED, or on
 * another route, is skipped: a redelivered message changes nothing.
 */
@Injectable()
export class CalastoneIntake {
  constructor(
    private readonly deliveries: CalastoneDeliveries,
    private readonly trades: TradeLedger,
    private readonly metrics: CalastoneMetrics,
    @Inject(SETR_VALIDATOR) private readonly validator: SetrValidator,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  async accept(tx: EntityManager, orders: readonly Order[]): Promise<{ opened: number; refused: number }> {
    const latest = latestPerTrade(orders);
    const states = await this.tradeStates(tx, latest);
    const due = latest.filter((o) => {
      const trade = states.get(o.tradeId)!;
      const take = trade.route === 'CALASTONE' && trade.status === 'RELEASED';
      if (!take) {
        this.logger?.info(
          `order ${o.orderRef} skipped: trade is ${trade.status} on route ${trade.route ?? 'none'}`,
          {
            tradeId: o.tradeId,
          },
        );
      }
      return take;
    });
    const open = await this.deliveries.openAmong(
      tx,
      due.map((o) => o.tradeId),
    );
    const fresh = due.filter((o) => !open.has(o.tradeId));
    const sendings = await this.deliveries.nextSendings(
      tx,
      fresh.map((o) => o.tradeId),
    );

    const accepted: NewDelivery[] = [];
    let refused = 0;
    const createdAt = new Date();
    for (const order of fresh) {
      const built = this.build(order, createdAt, sendings.get(order.tradeId) ?? 1);
      if (built.ok) {
        accepted.push({ tradeId: order.tradeId, orderRef: order.orderRef, document: built.document });
      } else {
        refused++;
        await this.trades.transition(tx, order.tradeId, 'NACKED', {
          actor: CALASTONE_ACTOR,
          reason: built.reason.slice(0, 1_000),
          details: { code: built.code, problems: built.problems },
        });
        this.logger?.warn(`order ${order.orderRef} not sent to Calastone: ${built.reason}`, {
          tradeId: order.tradeId,
        });
      }
    }
    const opened = await this.deliveries.open(tx, accepted);
    return { opened: opened.length, refused };
  }

  private build(order: Order, createdAt: Date, sending: number): Built {
    let document: SetrOrderDocument;
    try {
      document = setrDocumentFor(order, { createdAt, sending });
    } catch (error) {
      if (!(error instanceof SetrPreflightError)) throw error;
      this.metrics.refusal('preflight');
      return {
        ok: false,
        code: 'SETR_PREFLIGHT_FAILED',
        reason: `Calastone would refuse the order: ${error.message}`,
        problems: error.errors.map((e) => `${e.field}: ${e.code}`),
      };
    }
    let result;
    try {
      result = this.validator.validate(document.messageType, document.xml);
    } catch (error) {
      // The validator itself is broken (not the order): try again later rather than NACK.
      if (error instanceof SetrValidatorError)
        throw new RetryableError('XSD_VALIDATOR_UNAVAILABLE', error.message);
      throw error;
    }
    if (result.valid) return { ok: true, document };
    this.metrics.refusal('schema');
    return {
      ok: false,
      code: 'SETR_SCHEMA_INVALID',
      reason: `the ${document.messageType} document fails the official XSD: ${result.errors.slice(0, 3).join('; ')}`,
      problems: result.errors.slice(0, 20),
    };
  }

  private async tradeStates(tx: EntityManager, orders: readonly Order[]): Promise<Map<string, TradeState>> {
    const rows = await queryRows<TradeState>(
      tx,
      `SELECT id, status, route, order_ref AS "orderRef" FROM trades WHERE id = ANY($1::uuid[])`,
      [orders.map((o) => o.tradeId)],
    );
    const states = new Map(rows.map((t) => [t.id, t]));
    const missing = orders.find((o) => !states.has(o.tradeId));
    if (missing) {
      throw new PermanentError(
        'TRADE_NOT_FOUND',
        `orders.calastone.v1 names trade ${missing.tradeId}, which is not in the ledger`,
      );
    }
    const foreign = orders.find((o) => states.get(o.tradeId)?.orderRef !== o.orderRef);
    if (foreign) {
      throw new PermanentError(
        'ORDER_REF_MISMATCH',
        `order ${foreign.orderRef} does not carry the order reference of trade ${foreign.tradeId}`,
      );
    }
    return states;
  }
}

type Built =
  { ok: true; document: SetrOrderDocument } | { ok: false; code: string; reason: string; problems: string[] };

// The same trade twice in one chunk (a replay right behind the original): the later order.
function latestPerTrade(orders: readonly Order[]): Order[] {
  return [...new Map(orders.map((o) => [o.tradeId, o])).values()];
}
