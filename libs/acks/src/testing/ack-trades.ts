import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrderType, Route, TradeStatus } from '@contingency/contracts';
import { BatchLedger, orderRefFor, OutboxWriter, TradeLedger } from '@contingency/ledger';

// FOR INTEGRATION TESTS: trades walked through the real ledger transitions to the state an ACK meets.

export interface AckTrade {
  id: string;
  orderRef: string;
  accountId: string;
}

export type AckTradeState = Extract<
  TradeStatus,
  'RELEASED' | 'DISPATCHED' | 'ACKNOWLEDGED' | 'CONFIRMED' | 'NACKED' | 'OUTCOME_UNKNOWN' | 'DEAD_LETTERED'
>;

type Step = Exclude<TradeStatus, 'RECEIVED' | 'INVALID' | 'CANCELLED'>;

const PATH: Record<AckTradeState, Step[]> = {
  RELEASED: ['VALID', 'RELEASED'],
  DISPATCHED: ['VALID', 'RELEASED', 'DISPATCHED'],
  ACKNOWLEDGED: ['VALID', 'RELEASED', 'DISPATCHED', 'ACKNOWLEDGED'],
  CONFIRMED: ['VALID', 'RELEASED', 'DISPATCHED', 'ACKNOWLEDGED', 'CONFIRMED'],
  NACKED: ['VALID', 'RELEASED', 'DISPATCHED', 'NACKED'],
  OUTCOME_UNKNOWN: ['VALID', 'RELEASED', 'OUTCOME_UNKNOWN'],
  DEAD_LETTERED: ['VALID', 'RELEASED', 'DEAD_LETTERED'],
};

const ledger = () => new TradeLedger(new OutboxWriter());

/** A fresh trade id and the order ref it will have: ACKs can name an order before its trade exists. */
export function futureTrade(): { id: string; orderRef: string } {
  const id = randomUUID();
  return { id, orderRef: orderRefFor(id) };
}

/** Trades in the given states, one per entry, each with an account of its own. */
export async function seedAckTrades(
  dataSource: DataSource,
  states: readonly AckTradeState[],
  options: { route?: Route; orderType?: OrderType; ids?: readonly string[] } = {},
): Promise<AckTrade[]> {
  const trades = ledger();
  return dataSource.transaction(async (tx) => {
    const batch = await new BatchLedger().create(tx, {
      fileName: 'acks.csv',
      sha256: randomBytes(32).toString('hex'),
      sizeBytes: 100,
      uploadedBy: 'olivia.operator',
      totalRows: states.length,
    });
    const accounts = states.map(() => `ACC-${randomBytes(5).toString('hex')}`);
    const ids = await trades.insertReceived(
      tx,
      states.map((_, i) => ({
        id: options.ids?.[i],
        batchId: batch.id,
        rowNumber: i + 1,
        cells: cells(accounts[i], options.orderType ?? 'SUBSCRIPTION'),
      })),
    );
    for (const [i, state] of states.entries()) {
      for (const step of PATH[state]) await walk(tx, trades, ids[i], step, options);
    }
    return ids.map((id, i) => ({ id, orderRef: orderRefFor(id), accountId: accounts[i] }));
  });
}

/** What the adapter does once the order is out: RELEASED → DISPATCHED. */
export async function markDispatched(dataSource: DataSource, tradeId: string): Promise<void> {
  await dataSource.transaction((tx) =>
    ledger().markDispatched(tx, tradeId, { calastoneFile: `${tradeId}.xml` }, 'calastone-adapter'),
  );
}

export interface TradeSnapshot {
  status: TradeStatus;
  externalRefs: Record<string, unknown>;
  history: Array<{
    event: string;
    toStatus: TradeStatus | null;
    reason: string | null;
    details: Record<string, unknown>;
  }>;
}

export async function snapshot(dataSource: DataSource, tradeId: string): Promise<TradeSnapshot> {
  const trades = ledger();
  const trade = await trades.findById(dataSource.manager, tradeId);
  const history = await trades.history(dataSource.manager, tradeId);
  return {
    status: trade.status,
    externalRefs: trade.externalRefs,
    history: history.map((h) => ({
      event: h.event,
      toStatus: h.toStatus,
      reason: h.reason,
      details: h.details,
    })),
  };
}

/** The history rows an ACK wrote (after the seeding), as `event[:status]`. */
export const ackHistory = (s: TradeSnapshot): string[] =>
  s.history
    .filter((h) => h.details.ackId !== undefined)
    .map((h) => (h.toStatus ? `${h.event}:${h.toStatus}` : h.event));

function cells(accountId: string, orderType: OrderType) {
  return {
    clientRef: `C-${randomBytes(4).toString('hex')}`,
    orderType,
    fundIsin: 'IE00B4L5Y983',
    accountId,
    amount: '1000.50',
    currency: 'EUR',
    units: '',
    tradeDate: '2026-12-07',
    settlementDate: '',
    comment: '',
  };
}

async function walk(
  tx: EntityManager,
  trades: TradeLedger,
  id: string,
  to: Step,
  options: { route?: Route; orderType?: OrderType },
): Promise<void> {
  const actor = 'seed';
  switch (to) {
    case 'VALID':
      await trades.markValid(
        tx,
        id,
        {
          route: options.route ?? 'CALASTONE',
          possibleDuplicate: false,
          fields: {
            orderType: options.orderType ?? 'SUBSCRIPTION',
            fundIsin: 'IE00B4L5Y983',
            tradeDate: '2026-12-07',
          },
        },
        actor,
      );
      return;
    case 'RELEASED':
      await trades.release(tx, id, orderRefFor(id), actor);
      return;
    case 'DISPATCHED':
      await trades.markDispatched(tx, id, { calastoneFile: `${id}.xml` }, actor);
      return;
    case 'ACKNOWLEDGED':
      await trades.markAcknowledged(tx, id, { taReference: 'TA-SEEDED' }, actor);
      return;
    case 'CONFIRMED':
      await trades.markConfirmed(tx, id, { units: '10' }, actor);
      return;
    case 'NACKED':
      await trades.markNacked(tx, id, 'seeded rejection', actor);
      return;
    case 'OUTCOME_UNKNOWN':
      await trades.markOutcomeUnknown(tx, id, 'no answer: timeout', actor);
      return;
    case 'DEAD_LETTERED':
      await trades.markDeadLettered(tx, id, 'retries exhausted', actor);
      return;
  }
}
