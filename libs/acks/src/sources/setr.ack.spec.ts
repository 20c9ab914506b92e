import { buildStatusReport, messageIdFor, parseSetrInbound } from '@contingency/iso20022';
import { confirmationXml, pack, rejected, rece } from '../testing/setr-documents';
import { acksFromSetr } from './setr.ack';

const ORDER = 'MC3F2A9C1E5B7D4F60A8B2C4D6E8F0A1B3';
const read = (xml: string) => acksFromSetr(parseSetrInbound(xml), 'in.xml');

describe(acksFromSetr.name, () => {
  it('reads RECE as received, with our MsgId as the second key', () => {
    const [ack] = read(rece(ORDER, { attempt: 2 }));
    expect(ack).toMatchObject({
      source: 'calastone',
      orderRef: ORDER,
      messageRefs: [messageIdFor(ORDER, 2)],
      outcome: 'RECEIVED',
      status: 'RECE',
      reasons: [],
      origin: { messageType: 'setr.016.001.04', file: 'in.xml' },
    });
  });

  it("reads PACK as accepted, keeping the TA's DealRef", () => {
    expect(read(pack(ORDER, 'TA-DEAL-7'))[0]).toMatchObject({
      outcome: 'ACCEPTED',
      status: 'PACK',
      taReference: 'TA-DEAL-7',
    });
  });

  it('reads Rjctd as rejected with each reason code and text', () => {
    expect(read(rejected(ORDER, 'CUTO', 'after the cut-off'))[0]).toMatchObject({
      outcome: 'REJECTED',
      status: 'rejected',
      reasons: [{ code: 'CUTO', text: 'after the cut-off' }],
    });
  });

  it('reads any other status as OTHER, keeping its code', () => {
    const xml = buildStatusReport({
      messageId: 'S-1',
      createdAt: new Date(),
      orders: [{ orderRef: ORDER, status: { kind: 'status', code: 'COSE' } }],
    }).xml;
    expect(read(xml)[0]).toMatchObject({ outcome: 'OTHER', status: 'COSE', messageRefs: [] });
  });

  it.each(['04', '05'] as const)('reads setr.012 and setr.006 .001.%s as confirmed executions', (version) => {
    for (const orderType of ['SUBSCRIPTION', 'REDEMPTION'] as const) {
      const [ack] = read(
        confirmationXml({
          orderRef: ORDER,
          orderType,
          version,
          dealRef: 'TA-D',
          units: '10.5',
          price: '1.2',
        }),
      );
      const messageType = `${orderType === 'SUBSCRIPTION' ? 'setr.012' : 'setr.006'}.001.${version}`;
      expect(ack).toMatchObject({
        orderRef: ORDER,
        messageRefs: [messageIdFor(ORDER, 1)],
        outcome: 'CONFIRMED',
        taReference: 'TA-D',
        execution: {
          units: '10.5',
          price: '1.2',
          priceCurrency: 'EUR',
          tradeDate: '2026-12-04',
          settlementAmount: '250000.00',
          settlementCurrency: 'EUR',
          settlementDate: '2026-12-08',
        },
        origin: { messageType },
      });
    }
  });

  it('keeps the MsgId only when the report is about one order', () => {
    const xml = buildStatusReport({
      messageId: 'S-2',
      createdAt: new Date(),
      relatedMessage: { messageId: messageIdFor(ORDER, 1), messageType: 'setr.010.001.04' },
      orders: [
        { orderRef: ORDER, status: { kind: 'status', code: 'RECE' } },
        { orderRef: 'MC-OTHER', status: { kind: 'status', code: 'RECE' } },
      ],
    }).xml;
    const acks = read(xml);
    expect(acks.map((a) => a.messageRefs)).toEqual([[], []]);
    expect(new Set(acks.map((a) => a.ackId)).size).toBe(2);
  });

  it('gives the same document the same ids whatever file it came in', () => {
    const xml = pack(ORDER, 'TA-1');
    expect(acksFromSetr(parseSetrInbound(xml), 'a.xml')[0].ackId).toBe(
      acksFromSetr(parseSetrInbound(xml), 'b.xml')[0].ackId,
    );
  });
});
