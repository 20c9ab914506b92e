import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Route, TradeStatus } from '@contingency/contracts';
import { BatchLedger, orderRefFor, OutboxWriter, type TradeCells, TradeLedger } from '@contingency/ledger';

export interface SeedRow {
  /** Where the trade ends: it walks the usual path there (RECEIVED → VALID → RELEASED → ...). */
  status?: TradeStatus;
  route?: Route;
  cells?: Partial<TradeCells>;
}

const PATH: Record<TradeStatus, TradeStatus[]> = {
  RECEIVED: [],
  VALID: ['VALID'],
  INVALID: ['INVALID'],
  RELEASED: ['VALID', 'RELEASED'],
  DISPATCHED: ['VALID', 'RELEASED', 'DISPATCHED'],
  ACKNOWLEDGED: ['VALID', 'RELEASED', 'DISPATCHED', 'ACKNOWLEDGED'],
  CONFIRMED: ['VALID', 'RELEASED', 'DISPATCHED', 'ACKNOWLEDGED', 'CONFIRMED'],
  NACKED: ['VALID', 'RELEASED', 'NACKED'],
  OUTCOME_UNKNOWN: ['VALID', 'RELEASED', 'OUTCOME_UNKNOWN'],
  DEAD_LETTERED: ['VALID', 'RELEASED', 'DEAD_LETTERED'],
  CANCELLED: ['VALID', 'CANCELLED'],
};

export function tradeCells(overrides: Partial<TradeCells> = {}): TradeCells {
  return {
    clientRef: `C-${randomBytes(4).toString('hex')}`,
    orderType: 'SUBSCRIPTION',
    fundIsin: 'IE00B4L5Y983',
    accountId: `ACC-${randomBytes(4).toString('hex')}`,
    amount: '1000.50',
    currency: 'EUR',
    units: '',
    tradeDate: '2026-12-07',
    settlementDate: '',
    comment: '',
    ...overrides,
  };
}

/**
 * FOR TESTS: a batch whose rows are walked through the ledger to the asked statuses, each step a real
 * TradeLedger transition (history and status messages included). Returns the trade ids in row order.
 */
export async function seedTrades(
  dataSource: DataSource,
  rows: readonly SeedRow[],
  uploadedBy = 'olivia.operator',
): Promise<{ batchId: string; tradeIds: string[] }> {
  const outbox = new OutboxWriter();
  const trades = new TradeLedger(outbox);
  const batches = new BatchLedger();
  return dataSource.transaction(async (tx: EntityManager) => {
    const batch = await batches.create(tx, {
      fileName: 'trades.csv',
      sha256: randomBytes(32).toString('hex'),
      sizeBytes: 100,
      uploadedBy,
      totalRows: rows.length,
    });
    const cells = rows.map((r) => tradeCells(r.cells));
    const tradeIds = await trades.insertReceived(
      tx,
      cells.map((c, i) => ({ batchId: batch.id, rowNumber: i + 1, cells: c })),
    );
    for (const [i, row] of rows.entries()) {
      for (const step of PATH[row.status ?? 'VALID']) {
        await walk(tx, trades, tradeIds[i], step, cells[i], row.route ?? 'CASIE');
      }
    }
    return { batchId: batch.id, tradeIds };
  });
}

async function walk(
  tx: EntityManager,
  trades: TradeLedger,
  id: string,
  to: TradeStatus,
  cells: TradeCells,
  route: Route,
): Promise<void> {
  const actor = 'seed';
  switch (to) {
    case 'VALID':
      await trades.markValid(tx, id, { route, possibleDuplicate: false, fields: fieldsOf(cells) }, actor);
      return;
    case 'INVALID':
      await trades.markInvalid(
        tx,
        id,
        [{ row: 1, column: 'fund_isin', code: 'FUND_UNKNOWN', message: 'not in the fund master' }],
        actor,
      );
      return;
    case 'RELEASED':
      await trades.release(tx, id, orderRefFor(id), 'adam.approver');
      return;
    case 'DISPATCHED':
      await trades.markDispatched(tx, id, { casieOrderId: `CASIE-${id.slice(0, 8)}` }, 'casie-adapter');
      return;
    case 'ACKNOWLEDGED':
      await trades.markAcknowledged(tx, id, { taReference: 'TA-1' }, 'ack-ingestor');
      return;
    case 'CONFIRMED':
      await trades.markConfirmed(tx, id, { units: '10' }, 'ack-ingestor');
      return;
    case 'NACKED':
      await trades.markNacked(tx, id, 'TA rejected the order', 'ack-ingestor');
      return;
    case 'OUTCOME_UNKNOWN':
      await trades.markOutcomeUnknown(tx, id, 'Casie did not answer: timeout', 'casie-adapter');
      return;
    case 'DEAD_LETTERED':
      await trades.markDeadLettered(tx, id, 'retries exhausted', 'casie-adapter');
      return;
    case 'CANCELLED':
      await trades.cancel(tx, id, actor, 'seeded');
      return;
    case 'RECEIVED':
      return; // where every trade starts
  }
}

function fieldsOf(c: TradeCells) {
  return {
    orderType: c.orderType as 'SUBSCRIPTION' | 'REDEMPTION',
    fundIsin: c.fundIsin,
    amount: c.amount || null,
    currency: c.currency || null,
    units: c.units || null,
    tradeDate: c.tradeDate,
    settlementDate: c.settlementDate || null,
    comment: c.comment || null,
  };
}
