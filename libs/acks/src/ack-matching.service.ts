import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TaAck } from '@contingency/contracts';
import { TradeLedger } from '@contingency/ledger';
import { PermanentError, RetryableError } from '@contingency/messaging';

const ACTOR = 'ack-ingestor';

/** Applies a TA acknowledgment to the trade it names; a repeated ACK changes nothing. */
@Injectable()
export class AckMatching {
  constructor(private readonly trades: TradeLedger) {}

  async apply(tx: EntityManager, ack: TaAck): Promise<void> {
    const trade = await this.trades.findByOrderRef(tx, ack.orderRef);
    if (!trade) throw new PermanentError('UNMATCHED_ACK', `no trade has order reference ${ack.orderRef}`);
    // Casie's TA can answer before the adapter has recorded the dispatch: try again shortly.
    if (trade.status === 'RELEASED' || trade.status === 'OUTCOME_UNKNOWN') {
      throw new RetryableError(
        'ACK_BEFORE_DISPATCH',
        `ACK for ${ack.orderRef} arrived before its dispatch was recorded`,
      );
    }
    const refs = ack.taReference ? { taReference: ack.taReference } : {};

    switch (ack.status) {
      case 'RECEIVED':
        await this.trades.recordEvent(tx, trade.id, 'TA_RECEIVED', ACTOR, {
          ...refs,
          at: ack.acknowledgedAt,
        });
        return;
      case 'ACCEPTED':
        if (trade.status === 'DISPATCHED') await this.trades.markAcknowledged(tx, trade.id, refs, ACTOR);
        return;
      case 'REJECTED':
        if (trade.status === 'DISPATCHED' || trade.status === 'ACKNOWLEDGED') {
          const reason = [ack.reasonCode, ack.reasonText].filter(Boolean).join(': ') || 'rejected by the TA';
          await this.trades.markNacked(tx, trade.id, reason, ACTOR);
        }
        return;
      case 'CONFIRMED':
        if (trade.status === 'DISPATCHED' || trade.status === 'ACKNOWLEDGED') {
          await this.trades.markConfirmed(
            tx,
            trade.id,
            { ...refs, units: ack.units, price: ack.price, settlementAmount: ack.settlementAmount },
            ACTOR,
          );
        }
        return;
    }
  }
}
