import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type Order, type Route, Topics } from '@contingency/contracts';
import { BatchLedger, OutboxWriter, TradeLedger } from '@contingency/ledger';

export interface FundFixture {
  isin: string;
  provider: 'GS' | 'NON_GS';
  alternateRoute: 'CALASTONE' | null;
}

/** A GS fund: Casie only, never fails over. */
export const GS_FUND: FundFixture = { isin: 'IE00B4L5Y983', provider: 'GS', alternateRoute: null };
/** A non-GS fund with Calastone as its alternate route. */
export const FAILOVER_FUND: FundFixture = {
  isin: 'LU1294538506',
  provider: 'NON_GS',
  alternateRoute: 'CALASTONE',
};

export async function seedFunds(dataSource: DataSource, funds: readonly FundFixture[]): Promise<void> {
  for (const f of funds) {
    await dataSource.query(
      `INSERT INTO funds (isin, name, provider, currency, cutoff_time, timezone, primary_route, alternate_route, status)
       VALUES ($1, $2, $3, 'EUR', '23:59', 'UTC', 'CASIE', $4, 'OPEN') ON CONFLICT (isin) DO NOTHING`,
      [f.isin, `Fund ${f.isin}`, f.provider, f.alternateRoute],
    );
  }
}

export interface SeedOptions {
  fund: FundFixture;
  count: number;
  /** Tells this run's accounts and client references apart on the shared broker. */
  tag: string;
  clientRefPrefix?: string;
  /** The route the approval gave the trades (default CASIE): their orders go to its topic. */
  route?: Route;
  /** Account ids: `ACC-<tag>-<i % 20>` unless given (a 40-character one tests the setr preflight). */
  accountId?: (i: number) => string;
  /** Also put the orders on the route's topic (through the outbox); default true. */
  publish?: boolean;
}

/**
 * Released trades on one route and their orders on its topic, as an approval leaves them: the
 * ledger's own writers for the batch and the rows, the states before RELEASED set in one statement (they
 * are not what these tests are about).
 */
export async function seedReleasedOrders(dataSource: DataSource, options: SeedOptions): Promise<Order[]> {
  const trades = new TradeLedger(new OutboxWriter());
  const outbox = new OutboxWriter();
  const tradeDate = nextWeekday();
  const route = options.route ?? 'CASIE';
  return dataSource.transaction(async (tx) => {
    const batch = await new BatchLedger().create(tx, {
      fileName: `${options.tag}.csv`,
      sha256: randomBytes(32).toString('hex'),
      sizeBytes: 100,
      uploadedBy: 'seed',
      totalRows: options.count,
    });
    const cells = Array.from({ length: options.count }, (_, i) => ({
      clientRef: `${options.clientRefPrefix ?? 'C'}-${options.tag}-${i + 1}`,
      orderType: 'SUBSCRIPTION',
      fundIsin: options.fund.isin,
      accountId: options.accountId?.(i) ?? `ACC-${options.tag}-${i % 20}`,
      amount: `${1000 + i}.50`,
      currency: 'EUR',
      units: '',
      tradeDate,
      settlementDate: '',
      comment: '',
    }));
    const ids = await trades.insertReceived(
      tx,
      cells.map((c, i) => ({ batchId: batch.id, rowNumber: i + 1, cells: c })),
    );
    await tx.query(
      `UPDATE trades t SET status = 'RELEASED', route = $4, order_type = 'SUBSCRIPTION', fund_isin = $2,
         amount = (t.cells->>'amount')::numeric, currency = 'EUR', trade_date = $3::date,
         order_ref = 'MC' || upper(replace(t.id::text, '-', ''))
       WHERE t.id = ANY($1::uuid[])`,
      [ids, options.fund.isin, tradeDate, route],
    );
    const orders: Order[] = ids.map((id, i) => ({
      orderRef: `MC${id.replace(/-/g, '').toUpperCase()}`,
      tradeId: id,
      batchId: batch.id,
      clientRef: cells[i].clientRef,
      orderType: 'SUBSCRIPTION',
      fundIsin: options.fund.isin,
      accountId: cells[i].accountId,
      amount: cells[i].amount.replace(/0$/, ''),
      currency: 'EUR',
      units: null,
      tradeDate,
      settlementDate: null,
      routeReason: 'primary route',
    }));
    if (options.publish ?? true) {
      await outbox.enqueue(
        tx,
        orders.map((payload) => ({
          topic: route === 'CASIE' ? Topics.ordersCasie : Topics.ordersCalastone,
          key: payload.accountId,
          payload,
        })),
      );
    }
    return orders;
  });
}

export async function tradeStatuses(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await dataSource.query<Array<{ id: string; status: string }>>(
    'SELECT id, status FROM trades WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}

export async function countByStatus(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const status of (await tradeStatuses(dataSource, ids)).values())
    counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

function nextWeekday(from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}
