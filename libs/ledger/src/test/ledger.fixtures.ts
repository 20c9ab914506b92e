import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { testServerUrl } from '@contingency/testing';
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

/**
 * Resolves the callers once all have arrived (or, with a timeout, when it ends, so that a party
 * blocked on a lock held by another does not deadlock the test): forces transactions to interleave.
 */
export function barrier(parties = 2, timeoutMs?: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === parties) release();
    if (timeoutMs === undefined) return all;
    return Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
  };
}

export const newId = (): string => randomUUID();

/** An empty database (not migrated) on the test server, for migration and module tests. */
export async function createBareDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = testServerUrl();
  const name = `ct_${label}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
