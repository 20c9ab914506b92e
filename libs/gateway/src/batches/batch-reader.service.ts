import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RowError } from '@contingency/contracts';
import { BatchLedger, TradeLedger } from '@contingency/ledger';
import type { BatchView, RowErrorView } from './batch.schemas';
import { rawRows } from './raw-rows';
import { rowErrorsOf, toBatchView } from './batch-view';

const ERROR_PAGE_ROWS = 2_000;

/** What the batch routes show: the batch with its counts, and its row errors in row order. */
@Injectable()
export class BatchReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchLedger,
    private readonly trades: TradeLedger,
  ) {}

  /** Throws NotFoundError (404) for an unknown batch. */
  async view(batchId: string): Promise<BatchView> {
    const manager = this.dataSource.manager;
    const batch = await this.batches.findById(manager, batchId);
    const byStatus = await this.trades.countByStatus(manager, batchId);
    const [{ n }] = await rawRows<{ n: number }>(
      manager,
      'SELECT count(*)::int AS n FROM trades WHERE batch_id = $1 AND possible_duplicate',
      [batchId],
    );
    return toBatchView(batch, byStatus, n);
  }

  /**
   * The batch's row errors page by page (a million-row batch is never one array). Checks the batch
   * exists first, so that a 404 can still be answered before the first page is written.
   */
  async rowErrors(batchId: string): Promise<AsyncIterable<RowErrorView[]>> {
    await this.batches.findById(this.dataSource.manager, batchId);
    return this.rowErrorPages(batchId);
  }

  private async *rowErrorPages(batchId: string): AsyncGenerator<RowErrorView[]> {
    let after = 0;
    for (;;) {
      const page = await rawRows<{ rowNumber: number; errors: RowError[]; possibleDuplicate: boolean }>(
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
