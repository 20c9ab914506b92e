import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TradeEntity, TradeLedger, type TradeHistoryEntity } from '@contingency/ledger';
import { decodeCursor, encodeCursor } from './trade-cursor';
import type { TradeListQuery } from './trade-list.query';

export interface TradeListPage {
  items: TradeEntity[];
  nextCursor?: string;
}

// Microseconds survive the round trip through the cursor only as PostgreSQL's own text.
const CURSOR_AT = `to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The read side of the trade ledger for the REST API: short statements, no transaction. */
@Injectable()
export class TradeQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: TradeLedger,
  ) {}

  /** Keyset pagination on (created_at, batch_id, row_number): stable while trades change status. */
  async list(query: TradeListQuery): Promise<TradeListPage> {
    const qb = this.dataSource.manager
      .createQueryBuilder(TradeEntity, 't')
      .addSelect(CURSOR_AT, 'cursor_at')
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.batch_id', 'ASC')
      .addOrderBy('t.row_number', 'ASC')
      .limit(query.limit + 1);
    if (query.batchId) qb.andWhere('t.batch_id = :batchId', { batchId: query.batchId });
    if (query.status) qb.andWhere('t.status IN (:...statuses)', { statuses: query.status });
    if (query.clientRef) qb.andWhere('t.client_ref = :clientRef', { clientRef: query.clientRef });
    if (query.accountId) qb.andWhere('t.account_id = :accountId', { accountId: query.accountId });
    if (query.route) qb.andWhere('t.route = :route', { route: query.route });
    if (query.fundIsin) qb.andWhere('t.fund_isin = :fundIsin', { fundIsin: query.fundIsin });
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      qb.andWhere(
        '(t.created_at, t.batch_id, t.row_number) > (CAST(:afterAt AS timestamptz), CAST(:afterBatch AS uuid), :afterRow)',
        { afterAt: after.createdAt, afterBatch: after.batchId, afterRow: after.row },
      );
    }

    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();
    if (entities.length <= query.limit) return { items: entities };
    const items = entities.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: encodeCursor({
        createdAt: raw[query.limit - 1].cursor_at,
        batchId: last.batchId,
        row: last.rowNumber,
      }),
    };
  }

  /** Throws NotFoundError for an unknown id. */
  async detail(id: string): Promise<{ trade: TradeEntity; history: TradeHistoryEntity[] }> {
    const manager = this.dataSource.manager;
    const trade = await this.trades.findById(manager, id);
    return { trade, history: await this.trades.history(manager, id) };
  }

  findById(id: string): Promise<TradeEntity> {
    return this.trades.findById(this.dataSource.manager, id);
  }
}
