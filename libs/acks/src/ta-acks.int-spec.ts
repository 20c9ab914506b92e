import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Role, type TaAck, Topics } from '@contingency/contracts';
import { REJECTED_REASON_CODES } from '@contingency/iso20022';
import { ExternalPublisher } from '@contingency/messaging';
import { MetricsRegistry } from '@contingency/observability';
import {
  createTestDatabase,
  expectEventually,
  TEST_PRINCIPAL_HEADER,
  testPrincipal,
} from '@contingency/testing';
import {
  type AckTrade,
  ackHistory,
  futureTrade,
  markDispatched,
  seedAckTrades,
  snapshot,
} from './testing/ack-trades';
import { startAcksApp } from './testing/acks-app';
import type { UnmatchedAckPage } from './unmatched/unmatched-ack.view';

// The TA ACK feed end to end: ta.acks.v1 on the real Kafka broker, the ack-ingestor in this process, the
// real ledger; and GET /api/v1/acks/unmatched over HTTP.
describe('ta.acks.v1', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let app: INestApplication;
  let url: string;
  const tag = randomBytes(3).toString('hex');

  const publish = (trade: Pick<AckTrade, 'orderRef'> & { accountId?: string }, ack: Partial<TaAck>) =>
    app.get(ExternalPublisher).publish(Topics.taAcks, trade.accountId ?? `ACC-${tag}`, {
      orderRef: trade.orderRef,
      status: 'RECEIVED',
      acknowledgedAt: new Date().toISOString(),
      ...ack,
    });
  const statusOf = async (id: string) => (await snapshot(ds, id)).status;
  const unmatched = async (role: Role = 'viewer', query = '') => {
    const response = await fetch(`${url}/api/v1/acks/unmatched${query}`, {
      headers: { [TEST_PRINCIPAL_HEADER]: testPrincipal(`user-${role}`, role) },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as UnmatchedAckPage;
  };
  // An ACK that waits is parked, never retried (redelivery) nor dead-lettered: both would go through the outbox.
  const retriedOrDeadLettered = async () =>
    (
      await ds.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM outbox WHERE topic LIKE 'ta.acks.v1%'`,
      )
    )[0].count;
  const parkedFor = async (orderRef: string) =>
    (await unmatched('viewer', '?limit=500')).items.filter((i) => i.orderRef === orderRef);

  beforeAll(async () => {
    db = await createTestDatabase('acks_feed');
    ds = db.dataSource;
    ({ app, url } = await startAcksApp({
      databaseUrl: db.url,
      groupPrefix: `acks-feed-${tag}-`,
      acks: { inbox: false, rematchMs: 200 },
    }));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('maps RECEIVED to an event, ACCEPTED to ACKNOWLEDGED and CONFIRMED to CONFIRMED', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED'], { route: 'CASIE' });

    await publish(trade, { status: 'RECEIVED' });
    await expectEventually(async () =>
      expect(ackHistory(await snapshot(ds, trade.id))).toEqual(['ACK_RECEIVED']),
    );
    await publish(trade, { status: 'ACCEPTED', taReference: 'TA-100' });
    await expectEventually(async () => expect(await statusOf(trade.id)).toBe('ACKNOWLEDGED'));
    await publish(trade, {
      status: 'CONFIRMED',
      taReference: 'TA-100',
      units: '812.5',
      price: '1.2308',
      settlementAmount: '1000.02',
      currency: 'EUR',
    });

    await expectEventually(async () => expect(await statusOf(trade.id)).toBe('CONFIRMED'));
    const s = await snapshot(ds, trade.id);
    const execution = {
      units: '812.5',
      price: '1.2308',
      priceCurrency: 'EUR',
      settlementAmount: '1000.02',
      settlementCurrency: 'EUR',
    };
    expect(s.externalRefs).toMatchObject({ taReference: 'TA-100', confirmation: execution });
    expect(s.history.at(-1)).toMatchObject({
      toStatus: 'CONFIRMED',
      details: { source: 'ta-feed', execution, origin: { messageType: 'ta.acks.v1' } },
    });
  });

  it('maps REJECTED to NACKED with its reason code and text, for every reason code', async () => {
    const trades = await seedAckTrades(
      ds,
      REJECTED_REASON_CODES.map(() => 'DISPATCHED'),
      { route: 'CASIE' },
    );

    await Promise.all(
      REJECTED_REASON_CODES.map((code, i) =>
        publish(trades[i], { status: 'REJECTED', reasonCode: code, reasonText: `the TA says ${code}` }),
      ),
    );

    await expectEventually(
      async () => {
        for (const [i, code] of REJECTED_REASON_CODES.entries()) {
          const s = await snapshot(ds, trades[i].id);
          expect({ code, status: s.status, reason: s.history.at(-1)?.reason }).toEqual({
            code,
            status: 'NACKED',
            reason: `${code}: the TA says ${code}`,
          });
        }
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }, 45_000);

  it('changes nothing for a repeated ACK', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED'], { route: 'CASIE' });
    const ack = {
      status: 'ACCEPTED' as const,
      taReference: 'TA-DUP',
      acknowledgedAt: new Date().toISOString(),
    };

    await publish(trade, ack);
    await publish(trade, ack);
    await publish(trade, { ...ack, acknowledgedAt: new Date(Date.now() + 1_000).toISOString() });
    await publish(trade, { status: 'RECEIVED' });

    await expectEventually(async () =>
      expect(ackHistory(await snapshot(ds, trade.id))).toEqual([
        'STATUS_CHANGED:ACKNOWLEDGED',
        'ACK_RECEIVED',
      ]),
    );
  });

  it('ends CONFIRMED when the confirmation comes before the acceptance; the acceptance is only recorded', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED'], { route: 'CASIE' });

    await publish(trade, { status: 'CONFIRMED', taReference: 'TA-E', units: '1', price: '1' });
    await publish(trade, { status: 'ACCEPTED', taReference: 'TA-E' });

    await expectEventually(async () =>
      expect(ackHistory(await snapshot(ds, trade.id))).toEqual(['STATUS_CHANGED:CONFIRMED', 'ACK_IGNORED']),
    );
    expect(await statusOf(trade.id)).toBe('CONFIRMED');
  });

  it('records an OUTCOME_UNKNOWN trade as DISPATCHED before applying its ACK', async () => {
    const [trade] = await seedAckTrades(ds, ['OUTCOME_UNKNOWN'], { route: 'CASIE' });

    await publish(trade, { status: 'ACCEPTED', taReference: 'TA-OU' });

    await expectEventually(async () =>
      expect(ackHistory(await snapshot(ds, trade.id))).toEqual([
        'STATUS_CHANGED:DISPATCHED',
        'STATUS_CHANGED:ACKNOWLEDGED',
      ]),
    );
  });

  it('parks an ACK that arrives before its dispatch is recorded, and applies it after', async () => {
    const [trade] = await seedAckTrades(ds, ['RELEASED'], { route: 'CASIE' });

    await publish(trade, { status: 'ACCEPTED', taReference: 'TA-EARLY' });

    await expectEventually(async () =>
      expect(await parkedFor(trade.orderRef)).toEqual([
        expect.objectContaining({ reason: 'NOT_DISPATCHED', tradeId: trade.id, tradeStatus: 'RELEASED' }),
      ]),
    );
    await markDispatched(ds, trade.id);
    await expectEventually(async () => expect(await statusOf(trade.id)).toBe('ACKNOWLEDGED'));
    expect(await parkedFor(trade.orderRef)).toEqual([]);
    expect(await retriedOrDeadLettered()).toBe(0);
  });

  it('keeps ACKs for an unknown order visible and counted, and matches them once the order appears', async () => {
    const future = futureTrade();
    const gauge = async () =>
      Number(/^ack_ingestor_unmatched_acks (\d+)/m.exec(await app.get(MetricsRegistry).metrics())?.[1]);

    await publish(future, { status: 'ACCEPTED', taReference: 'TA-FUT' });
    await publish(future, { status: 'CONFIRMED', taReference: 'TA-FUT', units: '3', price: '2' });

    await expectEventually(async () => {
      const parked = await parkedFor(future.orderRef);
      expect(parked.map((p) => [p.reason, p.outcome, p.source])).toEqual([
        ['UNKNOWN_ORDER', 'ACCEPTED', 'ta-feed'],
        ['UNKNOWN_ORDER', 'CONFIRMED', 'ta-feed'],
      ]);
      expect(parked[1]).toMatchObject({
        taReference: 'TA-FUT',
        execution: { units: '3', price: '2' },
        tradeId: null,
      });
    });
    await expectEventually(async () => expect(await gauge()).toBeGreaterThanOrEqual(2));

    await seedAckTrades(ds, ['DISPATCHED'], { route: 'CASIE', ids: [future.id] });

    await expectEventually(async () =>
      expect(ackHistory(await snapshot(ds, future.id))).toEqual([
        'STATUS_CHANGED:ACKNOWLEDGED',
        'STATUS_CHANGED:CONFIRMED',
      ]),
    );
    expect(await parkedFor(future.orderRef)).toEqual([]);
    expect(await retriedOrDeadLettered()).toBe(0);
  });

  describe('GET /api/v1/acks/unmatched', () => {
    it('answers viewers, operators, SREs and admins, in keyset pages', async () => {
      const futures = [futureTrade(), futureTrade()];
      for (const f of futures) await publish(f, { status: 'RECEIVED' });
      await expectEventually(async () => expect(await parkedFor(futures[1].orderRef)).toHaveLength(1));

      for (const role of ['viewer', 'operator', 'sre', 'admin'] as const) {
        expect((await unmatched(role)).total).toBeGreaterThanOrEqual(2);
      }
      const first = await unmatched('viewer', '?limit=1');
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).toBe(first.items[0].id);
      const next = await unmatched('viewer', `?limit=1&cursor=${first.nextCursor}`);
      expect(BigInt(next.items[0].id)).toBeGreaterThan(BigInt(first.items[0].id));
    });

    it('refuses other roles, anonymous callers and a bad query', async () => {
      const call = (headers: Record<string, string>, query = '') =>
        fetch(`${url}/api/v1/acks/unmatched${query}`, { headers }).then((r) => r.status);

      expect(await call({ [TEST_PRINCIPAL_HEADER]: testPrincipal('a', 'approver') })).toBe(403);
      expect(await call({ [TEST_PRINCIPAL_HEADER]: testPrincipal('d', 'downstream') })).toBe(403);
      expect(await call({})).toBe(401);
      expect(await call({ [TEST_PRINCIPAL_HEADER]: testPrincipal('v', 'viewer') }, '?limit=0')).toBe(400);
      expect(await call({ [TEST_PRINCIPAL_HEADER]: testPrincipal('v', 'viewer') }, '?cursor=abc')).toBe(400);
    });
  });
});
