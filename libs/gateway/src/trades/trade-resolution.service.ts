import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { AuditLog, orderFromTrade, OutboxWriter, type TradeEntity, TradeLedger } from '@contingency/ledger';
import { ApiError } from '../http/api-error';
import type { ResolveTradeBody } from './resolve-trade.body';

export interface ResolveRequest extends ResolveTradeBody {
  tradeId: string;
  actor: string;
}

/** audit_log action of a resolution (targetType 'trade'). */
export const RESOLVE_AUDIT_ACTION = 'trade.resolve';

/**
 * A person settles an OUTCOME_UNKNOWN trade after asking the destination. RECEIVED: it has the order,
 * so the trade is DISPATCHED and its ACKs will follow. NOT_RECEIVED: the trade goes back to RELEASED and
 * its order is emitted again on its route's topic through the outbox (the same order reference, so a
 * destination that did have it after all answers with the first result). Audited either way.
 */
@Injectable()
export class TradeResolution {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: TradeLedger,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditLog,
  ) {}

  async resolve(request: ResolveRequest): Promise<TradeEntity> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const trade = await this.trades.findById(tx, request.tradeId);
        if (trade.status !== 'OUTCOME_UNKNOWN' || trade.route === null) throw notResolvable(trade);
        const reason = `resolved by ${request.actor}: ${request.outcome}: ${request.reason}`;
        const change = { actor: request.actor, reason, expectedVersion: trade.version };
        let details: Record<string, unknown> = { outcome: request.outcome, reason: request.reason };
        let resolved: TradeEntity;
        if (request.outcome === 'RECEIVED') {
          resolved = await this.trades.transition(tx, trade.id, 'DISPATCHED', change);
        } else {
          resolved = await this.trades.transition(tx, trade.id, 'RELEASED', change);
          const topic = trade.route === 'CASIE' ? Topics.ordersCasie : Topics.ordersCalastone;
          await this.outbox.enqueue(tx, [
            { topic, key: trade.accountId, payload: orderFromTrade(trade, `resend: ${request.reason}`) },
          ]);
          details = { ...details, route: trade.route, topic, orderRef: trade.orderRef };
        }
        await this.audit.record(tx, { ...entry(request), outcome: 'SUCCESS', details });
        return resolved;
      });
    } catch (error) {
      if (error instanceof ApiError) {
        await this.audit.record(this.dataSource.manager, {
          ...entry(request),
          outcome: 'DENIED',
          details: { code: error.code, ...error.details, outcome: request.outcome },
        });
      }
      throw error;
    }
  }
}

function entry(request: ResolveRequest) {
  return {
    actor: request.actor,
    action: RESOLVE_AUDIT_ACTION,
    targetType: 'trade',
    targetId: request.tradeId,
  };
}

function notResolvable({ id, status }: TradeEntity): ApiError {
  return new ApiError(
    409,
    'NOT_RESOLVABLE',
    `trade ${id} is ${status}: only an OUTCOME_UNKNOWN trade is resolved` +
      (status === 'DEAD_LETTERED' ? ' (a DEAD_LETTERED trade is replayed)' : ''),
    { status },
  );
}
