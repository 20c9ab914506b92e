import { type TaAck, Topics } from '@contingency/contracts';
import { type AckEvent, type AckExecution, ackIdOf, type AckOutcome } from '../ack-event';

const OUTCOMES: Record<TaAck['status'], AckOutcome> = {
  RECEIVED: 'RECEIVED',
  ACCEPTED: 'ACCEPTED',
  REJECTED: 'REJECTED',
  CONFIRMED: 'CONFIRMED',
};

/** A ta.acks.v1 message as an AckEvent; `messageId` is the Kafka message's (for the history only). */
export function ackFromTaFeed(ack: TaAck, messageId: string): AckEvent {
  const reason = { code: ack.reasonCode, text: ack.reasonText };
  const said = {
    source: 'ta-feed' as const,
    orderRef: ack.orderRef,
    messageRefs: [],
    outcome: OUTCOMES[ack.status],
    status: ack.status,
    taReference: ack.taReference,
    reasons: reason.code === undefined && reason.text === undefined ? [] : [reason],
    execution: ack.status === 'CONFIRMED' ? executionOf(ack) : undefined,
    at: ack.acknowledgedAt,
  };
  return { ...said, ackId: ackIdOf(said), origin: { messageType: Topics.taAcks, messageId } };
}

// The feed has one currency, that of the price and the settlement amount.
function executionOf(ack: TaAck): AckExecution {
  return {
    units: ack.units,
    price: ack.price,
    priceCurrency: ack.price === undefined ? undefined : ack.currency,
    settlementAmount: ack.settlementAmount,
    settlementCurrency: ack.settlementAmount === undefined ? undefined : ack.currency,
  };
}
