import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TRADE_STATUSES, type RowError, type TradeStatus } from '@contingency/contracts';
import { BatchEntity, BatchLedger, queryRows } from '@contingency/ledger';
import { decodeBatchCursor, encodeBatchCursor } from './batch-cursor';
import type { BatchListQuery, BatchPage, BatchView, RowErrorView } from './batch.schemas';
import { rowErrorsOf, toBatchView } from './batch-view';

const ERROR_PAGE_ROWS = 2_000;

// Microseconds survive the round trip through the cursor only as PostgreSQL's own text.
const CURSOR_AT = `to_char(b.uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface TradeCounts {
  byStatus: Record<TradeStatus, number>;
  possibleDuplicates: number;
}

/** What the batch routes show: batches with their counts, and a batch's row errors in row order. */
@Injectable()
export class BatchReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchLedger,
  ) {}

  /** Throws NotFoundError (404) for an unknown batch. */
  async view(batchId: string): Promise<BatchView> {
    const manager = this.dataSource.manager;
    const batch = await this.batches.findById(manager, batchId);
    const counts = await this.countTrades(manager, [batchId]);
    return this.toView(batch, counts);
  }

  /** Batches newest first, filtered, one keyset page; the trades of the whole page counted in one query. */
  async list(query: BatchListQuery): Promise<BatchPage> {
    const manager = this.dataSource.manager;
    const qb = manager
      .createQueryBuilder(BatchEntity, 'b')
      .addSelect(CURSOR_AT, 'cursor_at')
      .orderBy('b.uploaded_at', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .limit(query.limit + 1);
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.uploadedBy) qb.andWhere('b.uploaded_by = :uploadedBy', { uploadedBy: query.uploadedBy });
    if (query.from) qb.andWhere('b.uploaded_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('b.uploaded_at < :to', { to: query.to });
    if (query.cursor) {
      const before = decodeBatchCursor(query.cursor);
      qb.andWhere('(b.uploaded_at, b.id) < (CAST(:beforeAt AS timestamptz), CAST(:beforeId AS uuid))', {
        beforeAt: before.uploadedAt,
        beforeId: before.id,
      });
    }
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string }>();
    const page = entities.slice(0, query.limit);
    const counts = await this.countTrades(
      manager,
      page.map((b) => b.id),
    );
    const items = page.map((batch) => this.toView(batch, counts));
    if (entities.length <= query.limit) return { items };
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: encodeBatchCursor({ uploadedAt: raw[query.limit - 1].cursor_at, id: last.id }),
    };
  }

  /**
   * The batch's row errors page by page (a million-row batch is never one array). Checks the batch
   * exists first, so that a 404 can still be answered before the first page is written.
   */
  async rowErrors(batchId: string): Promise<AsyncIterable<RowErrorView[]>> {
    await this.batches.findById(this.dataSource.manager, batchId);
    return this.rowErrorPages(batchId);
  }

  private toView(batch: BatchEntity, counts: Map<string, TradeCounts>): BatchView {
    const { byStatus, possibleDuplicates } = counts.get(batch.id) ?? emptyCounts();
    return toBatchView(batch, byStatus, possibleDuplicates);
  }

  /** The trades of the given batches by status, and their possible duplicates: one statement. */
  private async countTrades(manager: EntityManager, batchIds: string[]): Promise<Map<string, TradeCounts>> {
    const counts = new Map<string, TradeCounts>();
    if (batchIds.length === 0) return counts;
    const rows = await queryRows<{ batchId: string; status: TradeStatus; n: number; duplicates: number }>(
      manager,
      `SELECT batch_id AS "batchId", status, count(*)::int AS n,
              count(*) FILTER (WHERE possible_duplicate)::int AS duplicates
       FROM trades WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id, status`,
      [batchIds],
    );
    for (const row of rows) {
      const batch = counts.get(row.batchId) ?? emptyCounts();
      batch.byStatus[row.status] = row.n;
      batch.possibleDuplicates += row.duplicates;
      counts.set(row.batchId, batch);
    }
    return counts;
  }

  private async *rowErrorPages(batchId: string): AsyncGenerator<RowErrorView[]> {
    let after = 0;
    for (;;) {
      const page = await queryRows<{ rowNumber: number; errors: RowError[]; possibleDuplicate: boolean }>(
        this.dataSource.manager,
        `SELECT row_number AS "rowNumber", errors, possible_duplicate AS "possibleDuplicate" FROM trades
         WHERE batch_id = $1 AND row_number > $2 AND (errors <> '[]'::jsonb OR possible_duplicate)
         ORDER BY row_number LIMIT $3`,
        [batchId, after, ERROR_PAGE_ROWS],
      );
      if (page.length === 0) return;
      yield page.flatMap(rowErrorsOf);
      after = page[page.length - 1].rowNumber;
    }
  }
}

function emptyCounts(): TradeCounts {
  const byStatus = Object.fromEntries(TRADE_STATUSES.map((s) => [s, 0])) as Record<TradeStatus, number>;
  return { byStatus, possibleDuplicates: 0 };
}
