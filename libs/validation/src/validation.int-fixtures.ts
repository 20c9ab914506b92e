import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RowError, TradeReceived, TradeStatus } from '@contingency/contracts';
import { BatchLedger, FundMaster, type NewFund, OutboxWriter, TradeLedger } from '@contingency/ledger';
import { type Clock, fixedClock } from './clock';
import type { TradeCells } from './rules';
import { FRIDAY_MORNING, someCells } from './rules/rules.fixtures';
import { ValidationLookups } from './validation.lookups';
import { ValidationService } from './validation.service';

// Test-only helpers for the integration specs on the real PostgreSQL (not exported from the library).

/** Friday 27 March 2026, 09:00 in Dublin: a trade date of Monday 30th is clean. */
export const NOW = FRIDAY_MORNING;

export const FUNDS = {
  open: fund('IE00B4L5Y983', { name: 'Global Liquidity Fund' }),
  /** Routed to Calastone; its 08:00 London cut-off has passed at NOW. */
  calastone: fund('FR0000131104', {
    primaryRoute: 'CALASTONE',
    alternateRoute: null,
    currency: 'USD',
    cutoffTime: '08:00',
    timezone: 'Europe/London',
  }),
  closed: fund('GB0002634946', { status: 'CLOSED' }),
  broken: fund('DE0005140008', { timezone: 'Europe/Atlantis' }),
  /** Well-formed, with a valid check digit, and not in the fund master. */
  unknownIsin: 'US0378331005',
} as const;

function fund(isin: string, overrides: Partial<NewFund> = {}): NewFund {
  return {
    isin,
    name: `Fund ${isin}`,
    provider: 'NON_GS',
    currency: 'EUR',
    cutoffTime: '12:00',
    timezone: 'Europe/Dublin',
    primaryRoute: 'CASIE',
    alternateRoute: 'CALASTONE',
    status: 'OPEN',
    ...overrides,
  };
}

export async function seedFunds(dataSource: DataSource): Promise<void> {
  const { open, calastone, closed, broken } = FUNDS;
  await dataSource.transaction((tx) => new FundMaster().replaceAll(tx, [open, calastone, closed, broken]));
}

export function ledger() {
  const outbox = new OutboxWriter();
  return { outbox, trades: new TradeLedger(outbox), batches: new BatchLedger(), funds: new FundMaster() };
}

export function serviceAt(clock: Clock = fixedClock(NOW)): ValidationService {
  const { outbox, trades, batches, funds } = ledger();
  return new ValidationService(funds, trades, batches, outbox, new ValidationLookups(), clock);
}

/** A fresh account, so that tests sharing a database never see each other's duplicates. */
export function anAccount(): string {
  return `ACC-${randomBytes(4).toString('hex')}`;
}

export interface UploadedBatch {
  batchId: string;
  received: TradeReceived[];
}

/**
 * A VALIDATING batch whose rows are RECEIVED, as the gateway records an upload: cells default to a clean
 * row of `account` with a client_ref of its own. With `announce`, trades.received.v1 goes to the outbox.
 */
export async function uploadBatch(
  dataSource: DataSource,
  rows: Array<Partial<TradeCells>>,
  { announce = false }: { announce?: boolean } = {},
): Promise<UploadedBatch> {
  const { outbox, trades, batches } = ledger();
  const batchId = randomUUID();
  const received: TradeReceived[] = rows.map((overrides, i) => ({
    tradeId: randomUUID(),
    batchId,
    row: i + 1,
    cells: someCells({ clientRef: `R-${randomBytes(4).toString('hex')}`, ...overrides }),
  }));
  await dataSource.transaction(async (tx) => {
    await batches.create(tx, {
      id: batchId,
      fileName: 'trades.csv',
      sha256: randomBytes(32).toString('hex'),
      sizeBytes: 100 * rows.length,
      uploadedBy: 'olivia.operator',
      totalRows: rows.length,
    });
    await trades.insertReceived(
      tx,
      received.map((r) => ({ id: r.tradeId, batchId, rowNumber: r.row, cells: r.cells })),
    );
    if (announce) {
      await outbox.enqueue(
        tx,
        received.map((r) => ({ topic: 'trades.received.v1' as const, key: r.cells.accountId, payload: r })),
      );
    }
  });
  return { batchId, received };
}

export interface StoredTrade {
  row: number;
  status: TradeStatus;
  route: string | null;
  errors: RowError[];
  possibleDuplicate: boolean;
  version: number;
}

export async function storedTrades(dataSource: DataSource, batchId: string): Promise<StoredTrade[]> {
  return dataSource.query<StoredTrade[]>(
    `SELECT row_number AS "row", status, route, errors, possible_duplicate AS "possibleDuplicate", version
       FROM trades WHERE batch_id = $1 ORDER BY row_number`,
    [batchId],
  );
}

export async function batchStatus(dataSource: DataSource, batchId: string): Promise<string> {
  const [row] = await dataSource.query<Array<{ status: string }>>(
    'SELECT status FROM batches WHERE id = $1',
    [batchId],
  );
  return row.status;
}

export const codesOf = (trade: StoredTrade): string[] => trade.errors.map((e) => e.code);
