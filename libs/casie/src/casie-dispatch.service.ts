import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Order } from '@contingency/contracts';
import { TradeLedger } from '@contingency/ledger';
import { RetryableError } from '@contingency/messaging';
import { CasieClient } from './casie.client';

const ACTOR = 'casie-adapter';

/** Sends one released order to Casie and records what Casie said. */
@Injectable()
export class CasieDispatch {
  constructor(
    @Inject(CasieClient) private readonly casie: CasieClient,
    private readonly trades: TradeLedger,
  ) {}

  async dispatch(tx: EntityManager, order: Order): Promise<void> {
    const trade = await this.trades.findById(tx, order.tradeId);
    if (trade.status !== 'RELEASED') return; // already dispatched or decided: a redelivery changes nothing

    const result = await this.casie.submit(order);
    switch (result.kind) {
      case 'accepted':
        await this.trades.markDispatched(tx, order.tradeId, { casieOrderId: result.casieOrderId }, ACTOR);
        return;
      case 'rejected':
        await this.trades.markNacked(
          tx,
          order.tradeId,
          `Casie refused the order (${result.status}): ${result.reason}`,
          ACTOR,
        );
        return;
      case 'unknown':
        await this.trades.markOutcomeUnknown(
          tx,
          order.tradeId,
          `Casie did not answer: ${result.reason}`,
          ACTOR,
        );
        return;
      case 'unavailable':
        throw new RetryableError('CASIE_UNAVAILABLE', `Casie unavailable: ${result.reason}`);
    }
  }
}
