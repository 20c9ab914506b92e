import { TradeHistoryEntity } from '@contingency/ledger';
import { tradeEntity } from './testing/trade-entity.factory';
import { TradeView, toHistoryItem, toTradeView } from './trade.view';

describe('toTradeView', () => {
  it('maps a trade to camelCase JSON with decimals as exact strings and null where unknown', () => {
    const view = toTradeView(tradeEntity({ units: '12.34560000', settlementDate: '2026-12-09' }));

    expect(view).toEqual({
      id: '0b7d4c1e-3f5a-4b8e-9c2d-1a2b3c4d5e6f',
      batchId: '5f0c2a8e-1d3b-4c7a-9e6f-2b1a0c9d8e7f',
      row: 3,
      clientRef: 'REF-1',
      orderType: 'SUBSCRIPTION',
      fundIsin: 'IE00B4L5Y983',
      accountId: 'ACC-1',
      amount: '1000.5',
      currency: 'EUR',
      units: '12.3456',
      tradeDate: '2026-12-07',
      settlementDate: '2026-12-09',
      comment: null,
      status: 'VALID',
      route: 'CASIE',
      orderRef: null,
      possibleDuplicate: false,
      errors: [],
      externalRefs: {},
      cells: expect.objectContaining({ amount: '1000.50' }),
      version: 2,
      createdAt: '2026-12-04T09:00:00.000Z',
      updatedAt: '2026-12-04T09:00:01.000Z',
    });
    expect(TradeView.parse(view)).toEqual(view);
  });

  it('keeps the typed fields null for a trade validation has not decided', () => {
    const view = toTradeView(
      tradeEntity({
        status: 'RECEIVED',
        route: null,
        orderType: null,
        fundIsin: null,
        amount: null,
        currency: null,
        tradeDate: null,
      }),
    );

    expect(view).toMatchObject({
      status: 'RECEIVED',
      route: null,
      orderType: null,
      amount: null,
      units: null,
    });
    expect(TradeView.safeParse(view).success).toBe(true);
  });
});

describe('toHistoryItem', () => {
  it('maps a history row', () => {
    const row = Object.assign(new TradeHistoryEntity(), {
      id: '7',
      tradeId: 'x',
      event: 'STATUS_CHANGED',
      fromStatus: 'VALID',
      toStatus: 'CANCELLED',
      actor: 'olivia',
      reason: 'client withdrew',
      details: {},
      at: new Date('2026-12-04T09:00:02.000Z'),
    });

    expect(toHistoryItem(row)).toEqual({
      at: '2026-12-04T09:00:02.000Z',
      event: 'STATUS_CHANGED',
      from: 'VALID',
      to: 'CANCELLED',
      actor: 'olivia',
      reason: 'client withdrew',
      details: {},
    });
  });
});
