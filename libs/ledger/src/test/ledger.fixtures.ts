import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { TradeCells } from '../entities/trade.entity';
import { BatchLedger } from '../batch.ledger';
import { OutboxWriter } from '../outbox.writer';
import { TradeLedger, type NewTrade } from '../trade.ledger';

// Test-only factories for the ledger's own integration specs.

export function ledgers(): { outbox: OutboxWriter; trades: TradeLedger; batches: BatchLedger } {
  const outbox = new OutboxWriter();
  return { outbox, trades: new TradeLedger(outbox), batches: new BatchLedger() };
}

export function cells(overrides: Partial<TradeCells> = {}): TradeCells {
  return {
    clientRef: `C-${randomBytes(3).toString('hex')}`,
    orderType: 'SUBSCRIPTION',
    fundIsin: 'IE00B4L5Y983',
    accountId: 'ACC-1',
    amount: '1000.00',
    currency: 'EUR',
    units: '',
    tradeDate: '2026-12-04',
    settlementDate: '',
    comment: '',
    ...overrides,
  };
}

/** A VALIDATING batch with `count` RECEIVED trades; returns the ids. */
export async function seedBatch(
  dataSource: DataSource,
  count: number,
): Promise<{ batchId: string; tradeIds: string[] }> {
  const { trades, batches } = ledgers();
  return dataSource.transaction(async (tx: EntityManager) => {
    const batch = await batches.create(tx, {
      fileName: 'trades.csv',
      sha256: randomBytes(32).toString('hex'),
      sizeBytes: 100,
      uploadedBy: 'olivia.operator',
      totalRows: count,
    });
    const rows: NewTrade[] = Array.from({ length: count }, (_, i) => ({
      batchId: batch.id,
      rowNumber: i + 1,
      cells: cells(),
    }));
    return { batchId: batch.id, tradeIds: await trades.insertReceived(tx, rows) };
  });
}

export const validFields = {
  orderType: 'SUBSCRIPTION',
  fundIsin: 'IE00B4L5Y983',
  amount: '1000.00',
  currency: 'EUR',
  units: null,
  tradeDate: '2026-12-04',
  settlementDate: null,
  comment: null,
} as const;

/** Resolves both callers only once both have arrived: forces two transactions to interleave. */
export function barrier(parties = 2): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === parties) release();
    return all;
  };
}

export const newId = (): string => randomUUID();
