import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { BatchLedger, OutboxWriter, TradeLedger } from '@contingency/ledger';
import { orderRefFor } from './order-ref';

export class SelfApprovalError extends Error {
  readonly code = 'FOUR_EYES';
  constructor(batchId: string) {
    super(`batch ${batchId} was uploaded by you: a second person must approve it`);
  }
}

/** Four eyes: a batch leaves only when someone other than its uploader approves it. */
@Injectable()
export class BatchApproval {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchLedger,
    private readonly trades: TradeLedger,
    private readonly outbox: OutboxWriter,
  ) {}

  async approve(batchId: string, approver: string, comment?: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const batch = await this.batches.findById(tx, batchId);
      if (batch.uploadedBy === approver) throw new SelfApprovalError(batchId);
      await this.batches.transition(tx, batchId, 'RELEASED', { actor: approver, comment });
      for (const trade of await this.trades.findByBatch(tx, batchId, 'VALID')) {
        const orderRef = orderRefFor(trade.id);
        const released = await this.trades.release(tx, trade.id, orderRef, approver);
        await this.outbox.enqueue(tx, [
          {
            topic: released.route === 'CALASTONE' ? Topics.ordersCalastone : Topics.ordersCasie,
            key: released.accountId,
            payload: {
              orderRef,
              tradeId: released.id,
              batchId,
              clientRef: released.clientRef,
              orderType: released.orderType!,
              fundIsin: released.fundIsin!,
              accountId: released.accountId,
              amount: released.amount,
              currency: released.currency,
              units: released.units,
              tradeDate: released.tradeDate!,
              settlementDate: released.settlementDate,
              routeReason: 'primary route',
            },
          },
        ]);
      }
    });
  }
}
