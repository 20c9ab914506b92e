import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Topics, type TradeReceived } from '@contingency/contracts';
import { BatchLedger, OutboxWriter, TradeLedger } from '@contingency/ledger';

export type ReceivedRow = Pick<TradeReceived, 'row' | 'cells'>;

export interface IncomingBatch {
  fileName: string;
  sha256: string;
  sizeBytes: number;
  uploadedBy: string;
  rows: ReceivedRow[];
}

/** Records a file's rows in the ledger as RECEIVED and announces each on trades.received.v1. */
@Injectable()
export class TradeIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchLedger,
    private readonly trades: TradeLedger,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A whole batch whose rows are already in memory (tests, the skeleton), in one transaction. */
  async accept(incoming: IncomingBatch): Promise<string> {
    const batchId = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await this.batches.create(tx, {
        id: batchId,
        fileName: incoming.fileName,
        sha256: incoming.sha256,
        sizeBytes: incoming.sizeBytes,
        uploadedBy: incoming.uploadedBy,
        totalRows: incoming.rows.length,
      });
      await this.recordRows(tx, batchId, incoming.rows);
    });
    return batchId;
  }

  /** One chunk of a batch's rows, in the caller's transaction: one message per trade, keyed by account. */
  async recordRows(tx: EntityManager, batchId: string, rows: readonly ReceivedRow[]): Promise<void> {
    const trades = rows.map((r) => ({ id: randomUUID(), batchId, rowNumber: r.row, cells: r.cells }));
    await this.trades.insertReceived(tx, trades);
    await this.outbox.enqueue(
      tx,
      trades.map((t) => ({
        topic: Topics.tradesReceived,
        key: t.cells.accountId.trim(),
        payload: { tradeId: t.id, batchId, row: t.rowNumber, cells: t.cells },
      })),
    );
  }
}
