import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { AuditLog, orderFromTrade, OutboxWriter, type TradeEntity, TradeLedger } from '@contingency/ledger';

export interface ReplayRequest {
  tradeId: string;
  actor: string;
  sourceIp?: string;
}

/** Only a dead-lettered trade can be replayed; `status` says what it is instead. */
export class NotReplayableError extends Error {
  readonly code = 'NOT_REPLAYABLE';

  constructor(
    readonly tradeId: string,
    readonly status: string,
  ) {
    super(
      `trade ${tradeId} is ${status}: only a DEAD_LETTERED trade can be replayed` +
        (status === 'OUTCOME_UNKNOWN' ? ' (an OUTCOME_UNKNOWN trade is resolved, not replayed)' : ''),
    );
    this.name = 'NotReplayableError';
  }
}

/**
 * A person sends a dead-lettered order again: the trade goes back to RELEASED and its order is emitted
 * on its route's topic (Casie or Calastone) through the outbox, audited either way. Route-neutral: the
 * adapter of that route delivers it as any released order.
 */
@Injectable()
export class OrderReplay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: TradeLedger,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditLog,
  ) {}

  async replay(request: ReplayRequest): Promise<TradeEntity> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const trade = await this.trades.findById(tx, request.tradeId);
        if (trade.status !== 'DEAD_LETTERED' || trade.route === null) {
          throw new NotReplayableError(trade.id, trade.status);
        }
        const reason = `replayed by ${request.actor}`;
        const released = await this.trades.transition(tx, trade.id, 'RELEASED', {
          actor: request.actor,
          reason,
          expectedVersion: trade.version,
        });
        const topic = trade.route === 'CASIE' ? Topics.ordersCasie : Topics.ordersCalastone;
        await this.outbox.enqueue(tx, [
          { topic, key: trade.accountId, payload: orderFromTrade(trade, reason) },
        ]);
        await this.audit.record(tx, {
          ...entry(request),
          outcome: 'SUCCESS',
          details: { route: trade.route, topic, orderRef: trade.orderRef },
        });
        return released;
      });
    } catch (error) {
      if (error instanceof NotReplayableError) {
        await this.audit.record(this.dataSource.manager, {
          ...entry(request),
          outcome: 'DENIED',
          details: { code: error.code, status: error.status },
        });
      }
      throw error;
    }
  }
}

function entry(request: ReplayRequest) {
  return {
    actor: request.actor,
    action: 'trade.replay',
    targetType: 'trade',
    targetId: request.tradeId,
    sourceIp: request.sourceIp,
  };
}
