import { buildStatusReport, messageIdFor, parseSetrInbound } from '@contingency/iso20022';
import { OutboxWriter, TradeLedger } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import type { DataSource } from 'typeorm';
import type { AckEvent } from './ack-event';
import { AckProcessor } from './ack-processor.service';
import { ackFromTaFeed } from './sources/ta-feed.ack';
import { acksFromSetr } from './sources/setr.ack';
import { ackHistory, futureTrade, markDispatched, seedAckTrades, snapshot } from './testing/ack-trades';
import { confirmationXml, pack, rece, rejected } from './testing/setr-documents';
import { UnmatchedAcks } from './unmatched/unmatched-acks.repository';

// The one matching and applying service of both sources, on the real ledger.
describe(AckProcessor.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const unmatched = new UnmatchedAcks();
  const processor = new AckProcessor(new TradeLedger(new OutboxWriter()), unmatched);

  const process = (ack: AckEvent) => ds.transaction((tx) => processor.process(tx, ack));
  const calastone = (xml: string) => acksFromSetr(parseSetrInbound(xml), 'inbox.xml')[0];
  const feed = (orderRef: string, status: 'RECEIVED' | 'ACCEPTED' | 'REJECTED' | 'CONFIRMED', extra = {}) =>
    ackFromTaFeed(
      { orderRef, status, acknowledgedAt: new Date().toISOString(), ...extra },
      `m-${Math.random()}`,
    );
  const parkedFor = async (orderRef: string) =>
    (await unmatched.list(ds.manager, { limit: 1_000 })).filter((r) => r.ack.orderRef === orderRef);

  beforeAll(async () => {
    db = await createTestDatabase('acks_processor');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('matches a status report by our MsgId when its OrdrRef is not one of ours', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);

    const done = await process(
      calastone(pack(trade.orderRef, 'TA-7', { reportedOrderRef: 'THEIR-REF', attempt: 2 })),
    );

    expect(done.map((d) => d.result)).toEqual(['applied']);
    const s = await snapshot(ds, trade.id);
    expect(s).toMatchObject({ status: 'ACKNOWLEDGED', externalRefs: { taReference: 'TA-7' } });
    expect(s.history.at(-1)?.details).toMatchObject({ matchedBy: 'messageId', attempt: 2 });
  });

  it('matches a whole-message status (no OrdrRef) by our MsgId', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const xml = buildStatusReport({
      messageId: 'S-WHOLE',
      createdAt: new Date(),
      relatedMessage: { messageId: messageIdFor(trade.orderRef, 1), messageType: 'setr.010.001.04' },
      orders: [{ orderRef: 'PLACEHOLDER', status: { kind: 'status', code: 'PACK' } }],
    }).xml.replace(
      /<IndvOrdrDtlsRpt>[\s\S]*<\/IndvOrdrDtlsRpt>/,
      '<OrdrDtlsRpt><OrdrSts><Sts>PACK</Sts></OrdrSts></OrdrDtlsRpt>',
    );

    await process(calastone(xml));

    expect((await snapshot(ds, trade.id)).status).toBe('ACKNOWLEDGED');
  });

  it('records an OUTCOME_UNKNOWN trade as DISPATCHED before the answer, for either source', async () => {
    const [a, b] = await seedAckTrades(ds, ['OUTCOME_UNKNOWN', 'OUTCOME_UNKNOWN']);

    await process(calastone(rejected(a.orderRef, 'CUTO', 'after the cut-off')));
    await process(feed(b.orderRef, 'ACCEPTED', { taReference: 'TA-U' }));

    const sa = await snapshot(ds, a.id);
    expect(ackHistory(sa)).toEqual(['STATUS_CHANGED:DISPATCHED', 'STATUS_CHANGED:NACKED']);
    expect(sa.history.at(-1)?.reason).toBe('CUTO: after the cut-off');
    expect(ackHistory(await snapshot(ds, b.id))).toEqual([
      'STATUS_CHANGED:DISPATCHED',
      'STATUS_CHANGED:ACKNOWLEDGED',
    ]);
  });

  it('never NACKs an order already received for an ORRF rejection: it records the event only', async () => {
    const [acknowledged, confirmed, receivedOnly, fresh] = await seedAckTrades(ds, [
      'ACKNOWLEDGED',
      'CONFIRMED',
      'DISPATCHED',
      'DISPATCHED',
    ]);
    await process(calastone(rece(receivedOnly.orderRef)));

    for (const t of [acknowledged, confirmed, receivedOnly]) {
      const done = await process(calastone(rejected(t.orderRef, 'ORRF', 'duplicate order reference')));
      expect(done.map((d) => d.result)).toEqual(['recorded']);
    }
    await process(feed(fresh.orderRef, 'REJECTED', { reasonCode: 'ORRF' }));

    expect((await snapshot(ds, acknowledged.id)).status).toBe('ACKNOWLEDGED');
    expect((await snapshot(ds, confirmed.id)).status).toBe('CONFIRMED');
    const s = await snapshot(ds, receivedOnly.id);
    expect(s.status).toBe('DISPATCHED');
    expect(ackHistory(s)).toEqual(['ACK_RECEIVED', 'ACK_IGNORED']);
    // Never received: a duplicate reference is a real refusal of this order.
    expect((await snapshot(ds, fresh.id)).status).toBe('NACKED');
  });

  it('records answers that contradict the trade as conflicts, changing nothing', async () => {
    const [nacked, deadLettered] = await seedAckTrades(ds, ['NACKED', 'DEAD_LETTERED']);

    const a = await process(
      calastone(confirmationXml({ orderRef: nacked.orderRef, orderType: 'SUBSCRIPTION', version: '05' })),
    );
    const b = await process(feed(deadLettered.orderRef, 'ACCEPTED'));

    expect([...a, ...b].map((d) => d.result)).toEqual(['conflict', 'conflict']);
    expect((await snapshot(ds, nacked.id)).status).toBe('NACKED');
    expect((await snapshot(ds, deadLettered.id)).history.at(-1)).toMatchObject({ event: 'ACK_IGNORED' });
  });

  it('parks answers for an order not yet dispatched and applies them in arrival order', async () => {
    const [trade] = await seedAckTrades(ds, ['RELEASED']);
    const accepted = calastone(pack(trade.orderRef, 'TA-P'));
    const confirmed = calastone(
      confirmationXml({ orderRef: trade.orderRef, orderType: 'SUBSCRIPTION', version: '05' }),
    );

    expect((await process(accepted)).map((d) => d.result)).toEqual(['parked']);
    expect((await process(accepted)).map((d) => d.result)).toEqual(['duplicate']);
    expect((await process(confirmed)).map((d) => d.result)).toEqual(['parked']);
    expect(await parkedFor(trade.orderRef)).toHaveLength(2);
    expect(await parkedFor(trade.orderRef)).toEqual([
      expect.objectContaining({ tradeId: trade.id, tradeStatus: 'RELEASED' }),
      expect.objectContaining({ tradeId: trade.id, tradeStatus: 'RELEASED' }),
    ]);

    await markDispatched(ds, trade.id);
    const [first] = await unmatched.ready(ds.manager, 1_000).then((ids) => ids.slice(0, 1));
    const done = await ds.transaction((tx) => processor.rematch(tx, first));

    expect(done.map((d) => [d.ack.outcome, d.result])).toEqual([
      ['ACCEPTED', 'applied'],
      ['CONFIRMED', 'applied'],
    ]);
    const s = await snapshot(ds, trade.id);
    expect(ackHistory(s)).toEqual(['STATUS_CHANGED:ACKNOWLEDGED', 'STATUS_CHANGED:CONFIRMED']);
    expect(s.history.at(-1)?.details.parkedAt).toEqual(expect.any(String));
    expect(await parkedFor(trade.orderRef)).toEqual([]);
  });

  it('applies the parked answers of an order before a new one for it', async () => {
    const future = futureTrade();
    expect(
      (await process(feed(future.orderRef, 'ACCEPTED', { taReference: 'TA-F' }))).map((d) => d.result),
    ).toEqual(['parked']);
    expect(await parkedFor(future.orderRef)).toEqual([expect.objectContaining({ tradeId: null })]);
    await seedAckTrades(ds, ['DISPATCHED'], { ids: [future.id] });

    const done = await process(feed(future.orderRef, 'CONFIRMED', { units: '1.5', price: '2' }));

    expect(done.map((d) => [d.ack.outcome, d.result])).toEqual([
      ['ACCEPTED', 'applied'],
      ['CONFIRMED', 'applied'],
    ]);
    expect(await snapshot(ds, future.id)).toMatchObject({
      status: 'CONFIRMED',
      externalRefs: { taReference: 'TA-F', confirmation: { units: '1.5', price: '2' } },
    });
    expect(await parkedFor(future.orderRef)).toEqual([]);
  });

  it('changes nothing for the same answer twice, whatever carried it', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const xml = rece(trade.orderRef);

    await process(calastone(xml));
    const again = await process(acksFromSetr(parseSetrInbound(xml), 'renamed.xml')[0]);

    expect(again.map((d) => d.result)).toEqual(['duplicate']);
    expect(ackHistory(await snapshot(ds, trade.id))).toEqual(['ACK_RECEIVED']);
  });
});
