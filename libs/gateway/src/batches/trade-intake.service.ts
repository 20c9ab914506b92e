import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics, type TradeReceived } from '@contingency/contracts';
import { BatchLedger, OutboxWriter, TradeLedger } from '@contingency/ledger';

export interface IncomingBatch {
  fileName: string;
  sha256: string;
  sizeBytes: number;
  uploadedBy: string;
  rows: Array<Pick<TradeReceived, 'row' | 'cells'>>;
}

/** Records an uploaded file's rows in the ledger and announces each on trades.received.v1, atomically. */
@Injectable()
export class TradeIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchLedger,
    private readonly trades: TradeLedger,
    private readonly outbox: OutboxWriter,
  ) {}

  async accept(incoming: IncomingBatch): Promise<string> {
    const batchId = randomUUID();
    const rows = incoming.rows.map((r) => ({ ...r, tradeId: randomUUID(), batchId }));
    await this.dataSource.transaction(async (tx) => {
      await this.batches.create(tx, {
        id: batchId,
        fileName: incoming.fileName,
        sha256: incoming.sha256,
        sizeBytes: incoming.sizeBytes,
        uploadedBy: incoming.uploadedBy,
        totalRows: rows.length,
      });
      await this.trades.insertReceived(
        tx,
        rows.map((r) => ({ id: r.tradeId, batchId, rowNumber: r.row, cells: r.cells })),
      );
      await this.outbox.enqueue(
        tx,
        rows.map((r) => ({
          topic: Topics.tradesReceived,
          key: r.cells.accountId,
          payload: { tradeId: r.tradeId, batchId, row: r.row, cells: r.cells },
        })),
      );
    });
    return batchId;
  }
}
