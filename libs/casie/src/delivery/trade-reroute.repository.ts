import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Route, Topics } from '@contingency/contracts';
import { ConcurrentUpdateError, OutboxWriter, type TradeEntity } from '@contingency/ledger';
import { queryRows } from '@contingency/ledger';

/**
 * A released trade changes route without a status change (RELEASED → RELEASED is no transition, so
 * TradeLedger.transition refuses it). Same guarantees as a transition: optimistic on `version`, a
 * trade_history row (FAILOVER, with the reason), a trades.status.v1 message through the outbox.
 * Proposed as TradeLedger.reroute; it lives here until the ledger has it.
 */
@Injectable()
export class TradeReroute {
  constructor(private readonly outbox: OutboxWriter) {}

  async reroute(
    tx: EntityManager,
    trade: TradeEntity,
    to: Route,
    change: { actor: string; reason: string; event: string },
  ): Promise<{ version: number }> {
    const [row] = await queryRows<{ version: number; updated_at: Date }>(
      tx,
      `UPDATE trades SET route = $3, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 AND status = 'RELEASED'
       RETURNING version, updated_at`,
      [trade.id, trade.version, to],
    );
    if (!row) throw new ConcurrentUpdateError('trade', trade.id, trade.version);
    await queryRows(
      tx,
      `INSERT INTO trade_history (trade_id, event, actor, reason, details) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [
        trade.id,
        change.event,
        change.actor,
        change.reason,
        JSON.stringify({ fromRoute: trade.route, toRoute: to }),
      ],
    );
    await this.outbox.enqueue(tx, [
      {
        topic: Topics.tradesStatus,
        key: trade.accountId,
        payload: {
          tradeId: trade.id,
          batchId: trade.batchId,
          accountId: trade.accountId,
          from: 'RELEASED',
          to: 'RELEASED',
          route: to,
          version: row.version,
          actor: change.actor,
          reason: change.reason,
          at: new Date(row.updated_at).toISOString(),
        },
      },
    ]);
    return { version: row.version };
  }
}
