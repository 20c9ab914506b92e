import { ackFromTaFeed } from './ta-feed.ack';

describe(ackFromTaFeed.name, () => {
  const at = '2026-12-04T09:30:00.000Z';

  it('keeps the reason of a rejection and the TA reference', () => {
    const ack = ackFromTaFeed(
      {
        orderRef: 'MC1',
        status: 'REJECTED',
        reasonCode: 'CUTO',
        reasonText: 'after the cut-off',
        acknowledgedAt: at,
      },
      'm-1',
    );
    expect(ack).toMatchObject({
      source: 'ta-feed',
      orderRef: 'MC1',
      messageRefs: [],
      outcome: 'REJECTED',
      status: 'REJECTED',
      reasons: [{ code: 'CUTO', text: 'after the cut-off' }],
      at,
      origin: { messageType: 'ta.acks.v1', messageId: 'm-1' },
    });
    expect(ack.execution).toBeUndefined();
  });

  it('reads a confirmation as an execution in the currency of the feed', () => {
    const ack = ackFromTaFeed(
      {
        orderRef: 'MC1',
        status: 'CONFIRMED',
        taReference: 'TA-9',
        units: '10.5',
        price: '1.25',
        settlementAmount: '13.13',
        currency: 'EUR',
        acknowledgedAt: at,
      },
      'm-2',
    );
    expect(ack).toMatchObject({
      outcome: 'CONFIRMED',
      taReference: 'TA-9',
      reasons: [],
      execution: {
        units: '10.5',
        price: '1.25',
        priceCurrency: 'EUR',
        settlementAmount: '13.13',
        settlementCurrency: 'EUR',
      },
    });
  });

  it('gives the same answer the same id, whatever message carried it', () => {
    const payload = { orderRef: 'MC1', status: 'ACCEPTED' as const, taReference: 'TA-1', acknowledgedAt: at };
    expect(ackFromTaFeed(payload, 'm-1').ackId).toBe(ackFromTaFeed({ ...payload }, 'm-2').ackId);
    expect(ackFromTaFeed(payload, 'm-1').ackId).not.toBe(
      ackFromTaFeed({ ...payload, taReference: 'TA-2' }, 'm-1').ackId,
    );
    expect(ackFromTaFeed(payload, 'm-1').ackId).toMatch(/^ta-feed:[0-9a-f]{32}$/);
  });
});
