import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type TradeReceived } from '@contingency/contracts';
import { BatchLedger, FundMaster, OutboxWriter, TradeLedger } from '@contingency/ledger';
import { normaliseIsin, validateRow } from './rules';

const ACTOR = 'validation-service';

/** Judges one received row against trade file v1 and the fund master, and records the verdict. */
@Injectable()
export class ValidationService {
  constructor(
    private readonly funds: FundMaster,
    private readonly trades: TradeLedger,
    private readonly batches: BatchLedger,
    private readonly outbox: OutboxWriter,
  ) {}

  async validate(tx: EntityManager, received: TradeReceived, now = new Date()): Promise<void> {
    const fund = await this.funds.find(tx, normaliseIsin(received.cells.fundIsin));
    const verdict = validateRow({ row: received.row, cells: received.cells, fund: fund ?? undefined, now });

    const trade = verdict.ok
      ? await this.trades.markValid(
          tx,
          received.tradeId,
          { route: verdict.route, possibleDuplicate: false, fields: verdict.trade },
          ACTOR,
        )
      : await this.trades.markInvalid(tx, received.tradeId, verdict.errors, ACTOR);

    await this.outbox.enqueue(tx, [
      {
        topic: Topics.tradesValidated,
        key: trade.accountId,
        payload: {
          tradeId: trade.id,
          batchId: trade.batchId,
          status: verdict.ok ? 'VALID' : 'INVALID',
          route: verdict.ok ? verdict.route : null,
          errors: verdict.ok ? [] : verdict.errors,
          possibleDuplicate: false,
        },
      },
    ]);
    await this.batches.completeValidationIfDone(tx, received.batchId);
  }
}
