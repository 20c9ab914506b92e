import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { Route, TradeAlertKind, TradeStatus } from '@contingency/contracts';
import {
  BatchLedger,
  FundMaster,
  LedgerModule,
  type NewFund,
  orderRefFor,
  OutboxWriter,
  TradeLedger,
} from '@contingency/ledger';
import { ObservabilityModule } from '@contingency/observability';
import type { Clock } from '@contingency/validation';
import { TradeWatchModule } from './trade-watch.module';
import type { TradeWatchOptions } from './trade-watch.options';

// FOR TESTS: trades walked through the real ledger to a status, funds, a movable clock, the watch in Nest.

export const MINUTE = 60_000;

/** A clock the test moves. */
export function movableClock(at = new Date()): Clock & { set(at: Date): void } {
  let current = at;
  return { now: () => new Date(current.getTime()), set: (next) => (current = next) };
}

export function fund(isin: string, cutoffTime: string, timezone: string): NewFund {
  return {
    isin,
    name: `Fund ${isin}`,
    provider: 'NON_GS',
    currency: 'EUR',
    cutoffTime,
    timezone,
    primaryRoute: 'CASIE',
    alternateRoute: 'CALASTONE',
    status: 'OPEN',
  };
}

export async function loadFunds(dataSource: DataSource, funds: readonly NewFund[]): Promise<void> {
  await dataSource.transaction((tx) => new FundMaster().replaceAll(tx, funds));
}

export interface SeedTrade {
  status: TradeStatus;
  fundIsin: string;
  tradeDate: string;
  route?: Route;
}

const PATH: Partial<Record<TradeStatus, TradeStatus[]>> = {
  RECEIVED: [],
  VALID: ['VALID'],
  RELEASED: ['VALID', 'RELEASED'],
  DISPATCHED: ['VALID', 'RELEASED', 'DISPATCHED'],
  ACKNOWLEDGED: ['VALID', 'RELEASED', 'DISPATCHED', 'ACKNOWLEDGED'],
  CONFIRMED: ['VALID', 'RELEASED', 'DISPATCHED', 'CONFIRMED'],
  NACKED: ['VALID', 'RELEASED', 'DISPATCHED', 'NACKED'],
  OUTCOME_UNKNOWN: ['VALID', 'RELEASED', 'OUTCOME_UNKNOWN'],
  DEAD_LETTERED: ['VALID', 'RELEASED', 'DEAD_LETTERED'],
  CANCELLED: ['VALID', 'CANCELLED'],
};

/** One batch whose trades each walk the usual path to their status; the trade ids in input order. */
export async function seedTrades(
  dataSource: DataSource,
  rows: readonly SeedTrade[],
): Promise<{ batchId: string; tradeIds: string[] }> {
  const trades = new TradeLedger(new OutboxWriter());
  return dataSource.transaction(async (tx) => {
    const batch = await new BatchLedger().create(tx, {
      fileName: 'trades.csv',
      sha256: randomBytes(32).toString('hex'),
      sizeBytes: 100,
      uploadedBy: 'olivia.operator',
      totalRows: rows.length,
    });
    const tradeIds = await trades.insertReceived(
      tx,
      rows.map((row, i) => ({
        batchId: batch.id,
        rowNumber: i + 1,
        cells: {
          clientRef: `C-${randomBytes(4).toString('hex')}`,
          orderType: 'SUBSCRIPTION',
          fundIsin: row.fundIsin,
          accountId: `ACC-${randomBytes(4).toString('hex')}`,
          amount: '1000.00',
          currency: 'EUR',
          units: '',
          tradeDate: row.tradeDate,
          settlementDate: '',
          comment: '',
        },
      })),
    );
    for (const [i, row] of rows.entries()) {
      const path = PATH[row.status];
      if (!path) throw new Error(`seedTrades cannot reach ${row.status}`);
      for (const step of path) await walk(tx, trades, tradeIds[i], step, row);
    }
    return { batchId: batch.id, tradeIds };
  });
}

function walk(
  tx: EntityManager,
  trades: TradeLedger,
  id: string,
  to: TradeStatus,
  row: SeedTrade,
): Promise<unknown> {
  const fields = {
    orderType: 'SUBSCRIPTION' as const,
    fundIsin: row.fundIsin,
    amount: '1000.00',
    currency: 'EUR',
    tradeDate: row.tradeDate,
  };
  const route = row.route ?? 'CASIE';
  switch (to) {
    case 'VALID':
      return trades.markValid(tx, id, { route, possibleDuplicate: false, fields }, 'seed');
    case 'RELEASED':
      return trades.release(tx, id, orderRefFor(id), 'adam.approver');
    case 'DISPATCHED':
      return trades.markDispatched(tx, id, {}, 'casie-adapter');
    case 'ACKNOWLEDGED':
      return trades.markAcknowledged(tx, id, {}, 'ack-ingestor');
    case 'CONFIRMED':
      return trades.markConfirmed(tx, id, {}, 'ack-ingestor');
    case 'NACKED':
      return trades.markNacked(tx, id, 'rejected by the TA', 'ack-ingestor');
    case 'OUTCOME_UNKNOWN':
      return trades.markOutcomeUnknown(tx, id, 'timeout', 'casie-adapter');
    case 'DEAD_LETTERED':
      return trades.markDeadLettered(tx, id, 'retries exhausted', 'casie-adapter');
    case 'CANCELLED':
      return trades.cancel(tx, id, 'olivia.operator');
    case 'RECEIVED':
    case 'INVALID':
      throw new Error(`seedTrades does not walk to ${to}`);
  }
}

/** An answer that changes no status ("received", a status only recorded), as the ack-ingestor records it. */
export async function recordAnswer(dataSource: DataSource, tradeId: string, event: string): Promise<void> {
  await dataSource.transaction((tx) =>
    new TradeLedger(new OutboxWriter()).recordEvent(tx, tradeId, event, 'ack-ingestor', {}),
  );
}

export interface AlertRow {
  tradeId: string;
  event: TradeAlertKind;
  actor: string;
  details: Record<string, unknown>;
}

/** The watch's events about these trades, in history order. */
export function alertsOf(dataSource: DataSource, tradeIds: readonly string[]): Promise<AlertRow[]> {
  return dataSource.query<AlertRow[]>(
    `SELECT trade_id AS "tradeId", event, actor, details FROM trade_history
      WHERE trade_id = ANY($1::uuid[]) AND event IN ('ACK_OVERDUE', 'CUTOFF_AT_RISK') ORDER BY id`,
    [tradeIds],
  );
}

/** When each trade was last dispatched, as its history says. */
export async function dispatchedAt(dataSource: DataSource, tradeId: string): Promise<string> {
  const [row] = await dataSource.query<Array<{ at: Date }>>(
    `SELECT at FROM trade_history WHERE trade_id = $1 AND to_status = 'DISPATCHED' ORDER BY id DESC LIMIT 1`,
    [tradeId],
  );
  return row.at.toISOString();
}

/** The watch in a Nest context of its own over the given ledger (no HTTP). */
export async function startWatch(
  dataSource: DataSource,
  options: Partial<TradeWatchOptions> & Pick<TradeWatchOptions, 'clock'>,
): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ObservabilityModule.forRoot({ service: 'ack-ingestor', logLevel: 'error', logFormat: 'json' }),
      LedgerModule.forDataSource(dataSource),
      TradeWatchModule.forRoot({
        ackSlaMs: 15 * MINUTE,
        cutoffWarningMs: 30 * MINUTE,
        intervalMs: 60_000,
        enabled: false,
        ...options,
      }),
    ],
  }).compile();
  return moduleRef.init();
}
