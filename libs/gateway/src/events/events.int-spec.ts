import type { DataSource } from 'typeorm';
import { OutboxWriter, TradeLedger } from '@contingency/ledger';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { seedTrades } from '../trades/testing/seed-trades';
import { TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import { startTradesTestApp, type TradesTestApp } from '../trades/testing/trades-test-app';
import { EventsModule } from './events.module';
import { openSse, type SseMessage, type SseReader } from './testing/sse-reader';
import type { TradeAlertEvent } from './trade-alert.event';
import { TradeEventFeed } from './trade-event.feed';
import type { TradeStatusEvent } from './trade-status.event';

const DOWNSTREAM = { [TEST_PRINCIPAL_HEADER]: testPrincipal('ledger-sync', 'downstream') };
const FAST = { pollIntervalMs: 40, heartbeatMs: 250, retryMs: 200 };

const data = (m: SseMessage) => JSON.parse(m.data) as TradeStatusEvent;
const historyIds = (messages: SseMessage[]) => messages.map((m) => Number(m.id));

describe(EventsModule.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let server: TradesTestApp;
  const readers: SseReader[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('trade_events');
    dataSource = db.dataSource;
    server = await startTradesTestApp(dataSource, [EventsModule.withOptions(FAST)]);
  });

  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.close()));
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  async function connect(query = '', headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = await openSse(`${server.api}/events${query}`, { ...DOWNSTREAM, ...headers });
    readers.push(reader);
    return reader;
  }

  const feed = () => server.app.get(TradeEventFeed);

  async function head(): Promise<number> {
    const [row] = await dataSource.query<Array<{ id: string }>>(
      'SELECT coalesce(max(id), 0) AS id FROM trade_history',
    );
    return Number(row.id);
  }

  /** The status-change history ids after `after`, as the stream must send them. */
  async function statusIdsAfter(after: number, batchId?: string): Promise<number[]> {
    const rows = await dataSource.query<Array<{ id: string }>>(
      `SELECT h.id FROM trade_history h JOIN trades t ON t.id = h.trade_id
       WHERE h.id > $1 AND h.to_status IS NOT NULL ${batchId ? 'AND t.batch_id = $2' : ''} ORDER BY h.id`,
      batchId ? [after, batchId] : [after],
    );
    return rows.map((r) => Number(r.id));
  }

  it('sends a connected client the status changes as they happen', async () => {
    const client = await connect();
    expect(client.status).toBe(200);
    await feed().settled();

    const { batchId, tradeIds } = await seedTrades(dataSource, [{ status: 'RELEASED' }]);
    const messages = await client.waitFor(3);

    expect(messages.map((m) => m.event)).toEqual(['trade.status', 'trade.status', 'trade.status']);
    expect(messages.map((m) => [data(m).from, data(m).to])).toEqual([
      [null, 'RECEIVED'],
      ['RECEIVED', 'VALID'],
      ['VALID', 'RELEASED'],
    ]);
    expect(data(messages[2])).toEqual({
      tradeId: tradeIds[0],
      batchId,
      accountId: expect.any(String),
      from: 'VALID',
      to: 'RELEASED',
      route: 'CASIE',
      actor: 'adam.approver',
      at: expect.stringMatching(/Z$/),
      historyId: Number(messages[2].id),
    });
    expect(historyIds(messages)).toEqual(await statusIdsAfter(Number(messages[0].id) - 1));
  });

  it('sends a reconnecting client exactly what it missed, in order, then the live changes', async () => {
    const start = await head();
    const first = await connect(`?after=${start}`);
    await seedTrades(dataSource, [{ status: 'VALID' }, { status: 'VALID' }]);
    const seen = await first.waitFor(4);
    await first.close();

    const lastEventId = seen[seen.length - 1].id!;
    await seedTrades(dataSource, [{ status: 'CONFIRMED' }, { status: 'INVALID' }]);
    await seedTrades(dataSource, [{ status: 'CANCELLED' }]);
    const missed = await statusIdsAfter(Number(lastEventId));
    expect(missed).toHaveLength(6 + 2 + 3);

    // ?after= is the first connection's URL, which an EventSource keeps: Last-Event-ID must win.
    const again = await connect(`?after=${start}`, { 'last-event-id': lastEventId });
    expect(historyIds(await again.waitFor(missed.length))).toEqual(missed);

    await seedTrades(dataSource, [{ status: 'RECEIVED' }]);
    const all = await again.waitFor(missed.length + 1);
    expect(historyIds(all)).toEqual([...missed, ...(await statusIdsAfter(missed.at(-1)!))]);
    expect(new Set(historyIds(all)).size).toBe(all.length);
  });

  it('merges a long catch-up with live changes arriving meanwhile, without gaps or duplicates', async () => {
    const start = await head();
    await seedTrades(
      dataSource,
      Array.from({ length: 600 }, () => ({ status: 'RECEIVED' as const })),
    );

    const client = await connect(`?after=${start}`);
    await seedTrades(
      dataSource,
      Array.from({ length: 50 }, () => ({ status: 'VALID' as const })),
    );
    const expected = await statusIdsAfter(start);
    expect(expected).toHaveLength(600 + 100);

    expect(historyIds(await client.waitFor(expected.length))).toEqual(expected);
  });

  it('sends only the changes of one batch when asked', async () => {
    const start = await head();
    const mine = await seedTrades(dataSource, [{ status: 'VALID' }]);
    await seedTrades(dataSource, [{ status: 'VALID' }]);

    const client = await connect(`?after=${start}&batchId=${mine.batchId}`);
    await client.waitFor(2);
    const other = await seedTrades(dataSource, [{ status: 'VALID' }]);
    await expectEventually(async () => expect(await statusIdsAfter(start, other.batchId)).toHaveLength(2));
    await dataSource.transaction((tx) =>
      new TradeLedger(new OutboxWriter()).cancel(tx, mine.tradeIds[0], 'olivia', 'test'),
    );
    const messages = await client.waitFor(3);

    expect(messages.every((m) => data(m).batchId === mine.batchId)).toBe(true);
    expect(historyIds(messages)).toEqual(await statusIdsAfter(start, mine.batchId));
    expect(data(messages[2]).to).toBe('CANCELLED');
  });

  it('never skips a change whose transaction commits after a later one: it waits, then sends both in order', async () => {
    const start = await head();
    const { tradeIds } = await seedTrades(dataSource, [{ status: 'RECEIVED' }, { status: 'RECEIVED' }]);
    const client = await connect(`?after=${start}`);
    await client.waitFor(2);
    const ledger = new TradeLedger(new OutboxWriter());

    // The slow transaction takes the lower history id and stays open while a later one commits.
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    try {
      await slow.startTransaction();
      await ledger.markInvalid(slow.manager, tradeIds[0], [], 'validation-service');
      await dataSource.transaction((tx) => ledger.markInvalid(tx, tradeIds[1], [], 'validation-service'));
      await new Promise((resolve) => setTimeout(resolve, 15 * FAST.pollIntervalMs));
      expect(client.messages).toHaveLength(2);

      await slow.commitTransaction();
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
    const messages = await client.waitFor(4);

    expect(historyIds(messages)).toEqual(await statusIdsAfter(start));
    expect(messages.slice(2).map((m) => data(m).tradeId)).toEqual(tradeIds);
  });

  it('passes the hole a rolled-back transaction leaves', async () => {
    const start = await head();
    const { tradeIds } = await seedTrades(dataSource, [{ status: 'RECEIVED' }, { status: 'RECEIVED' }]);
    const client = await connect(`?after=${start}`);
    await client.waitFor(2);
    const ledger = new TradeLedger(new OutboxWriter());

    await dataSource
      .transaction(async (tx) => {
        await ledger.markInvalid(tx, tradeIds[0], [], 'validation-service');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await dataSource.transaction((tx) => ledger.markInvalid(tx, tradeIds[1], [], 'validation-service'));
    const messages = await client.waitFor(3);

    expect(data(messages[2])).toMatchObject({ tradeId: tradeIds[1], to: 'INVALID' });
    expect(historyIds(messages)).toEqual(await statusIdsAfter(start));
  });

  it('keeps the connection alive with comments', async () => {
    const client = await connect();

    await expectEventually(() => expect(client.comments).toContain('keep-alive'), { timeoutMs: 3_000 });
  });

  it('runs one poller while clients listen and stops it when the last one leaves', async () => {
    const a = await connect();
    const b = await connect();
    expect(feed().clientCount).toBe(2);
    expect(feed().running).toBe(true);

    await a.close();
    await expectEventually(() => expect(feed().clientCount).toBe(1));
    expect(feed().running).toBe(true);
    await b.close();

    await expectEventually(() => expect(feed().clientCount).toBe(0));
    expect(feed().running).toBe(false);
  });

  it('refuses a bad Last-Event-ID, ?after= or batchId with a 400 in the API error shape', async () => {
    const badHeader = await fetch(`${server.api}/events`, {
      headers: { ...DOWNSTREAM, 'last-event-id': 'x1' },
    });
    expect(badHeader.status).toBe(400);
    expect(await badHeader.json()).toEqual({
      error: { code: 'INVALID_LAST_EVENT_ID', message: expect.stringContaining('not an event id') },
    });
    expect((await fetch(`${server.api}/events?after=-3`, { headers: DOWNSTREAM })).status).toBe(400);
    expect((await fetch(`${server.api}/events?batchId=7`, { headers: DOWNSTREAM })).status).toBe(400);
    expect(feed().clientCount).toBe(0);
  });

  it('declares its roles: every role may listen, nobody unauthenticated', async () => {
    expect((await fetch(`${server.api}/events`)).status).toBe(401);
    for (const role of ['operator', 'approver', 'viewer', 'sre', 'admin', 'downstream'] as const) {
      const client = await connect('', { [TEST_PRINCIPAL_HEADER]: testPrincipal('someone', role) });
      expect(client.status).toBe(200);
      await client.close();
    }
  });

  it('ends open streams when the app shuts down, so it closes promptly', async () => {
    const other = await startTradesTestApp(dataSource, [EventsModule.withOptions(FAST)]);
    const client = await openSse(`${other.api}/events`, DOWNSTREAM);
    readers.push(client);
    await other.app.get(TradeEventFeed).settled();

    const started = Date.now();
    await other.close();

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(other.app.get(TradeEventFeed).running).toBe(false);
  });
  describe('alerts', () => {
    const ledger = new TradeLedger(new OutboxWriter());
    const alertData = (m: SseMessage) => JSON.parse(m.data) as TradeAlertEvent;

    /** The ids the stream must send after `after`: status changes and alerts, nothing else. */
    async function feedIdsAfter(after: number): Promise<number[]> {
      const rows = await dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM trade_history
          WHERE id > $1 AND (to_status IS NOT NULL OR event IN ('ACK_OVERDUE', 'CUTOFF_AT_RISK')) ORDER BY id`,
        [after],
      );
      return rows.map((r) => Number(r.id));
    }

    it('sends an alert as trade.alert in the status changes’ id sequence, live and when resuming', async () => {
      const start = await head();
      const live = await connect(`?after=${start}`);
      const { batchId, tradeIds } = await seedTrades(dataSource, [{ status: 'DISPATCHED' }]);
      const details = { dispatchedAt: '2026-12-04T09:40:00.000Z', slaMinutes: 15, route: 'CASIE' };
      await dataSource.transaction(async (tx) => {
        await ledger.recordEvent(tx, tradeIds[0], 'DELIVERY_ATTEMPT', 'casie-adapter', { attempt: 1 });
        await ledger.recordEvent(tx, tradeIds[0], 'ACK_OVERDUE', 'trade-watch', details);
      });
      await dataSource.transaction((tx) => ledger.markAcknowledged(tx, tradeIds[0], {}, 'ack-ingestor'));

      const messages = await live.waitFor(6);
      expect(messages.map((m) => m.event)).toEqual([
        ...Array<string>(4).fill('trade.status'),
        'trade.alert',
        'trade.status',
      ]);
      expect(alertData(messages[4])).toEqual({
        tradeId: tradeIds[0],
        batchId,
        kind: 'ACK_OVERDUE',
        details,
        at: expect.stringMatching(/Z$/),
        historyId: Number(messages[4].id),
      });
      expect(historyIds(messages)).toEqual(await feedIdsAfter(start));

      // A client that saw up to the dispatch gets the alert, then the ACK; one that saw the alert, the ACK.
      const beforeAlert = await connect('', { 'last-event-id': messages[3].id! });
      expect(historyIds(await beforeAlert.waitFor(2))).toEqual(historyIds(messages.slice(4)));
      expect(beforeAlert.messages.map((m) => m.event)).toEqual(['trade.alert', 'trade.status']);
      const afterAlert = await connect('', { 'last-event-id': messages[4].id! });
      expect(historyIds(await afterAlert.waitFor(1))).toEqual(historyIds(messages.slice(5)));
      expect(afterAlert.messages[0].event).toBe('trade.status');
    });

    it('sends only the alerts of one batch when asked', async () => {
      const start = await head();
      const mine = await seedTrades(dataSource, [{ status: 'VALID' }]);
      const other = await seedTrades(dataSource, [{ status: 'VALID' }]);
      await dataSource.transaction(async (tx) => {
        for (const tradeId of [other.tradeIds[0], mine.tradeIds[0]]) {
          await ledger.recordEvent(tx, tradeId, 'CUTOFF_AT_RISK', 'trade-watch', {
            cutoffAt: '2026-12-07T16:00:00+00:00',
            minutesLeft: 25,
            fund: 'IE00B4L5Y983',
            status: 'VALID',
          });
        }
      });

      const client = await connect(`?after=${start}&batchId=${mine.batchId}`);
      const messages = await client.waitFor(3);

      expect(messages.map((m) => m.event)).toEqual(['trade.status', 'trade.status', 'trade.alert']);
      expect(alertData(messages[2])).toMatchObject({ tradeId: mine.tradeIds[0], kind: 'CUTOFF_AT_RISK' });
    });
  });
});
