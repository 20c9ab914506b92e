import { TradeEntity } from '@contingency/ledger';

/** A VALID Casie trade as the ledger returns it (numeric columns at their stored scale). */
export function tradeEntity(overrides: Partial<TradeEntity> = {}): TradeEntity {
  return Object.assign(new TradeEntity(), {
    id: '0b7d4c1e-3f5a-4b8e-9c2d-1a2b3c4d5e6f',
    batchId: '5f0c2a8e-1d3b-4c7a-9e6f-2b1a0c9d8e7f',
    rowNumber: 3,
    cells: {
      clientRef: 'REF-1',
      orderType: 'SUBSCRIPTION',
      fundIsin: 'IE00B4L5Y983',
      accountId: 'ACC-1',
      amount: '1000.50',
      currency: 'EUR',
      units: '',
      tradeDate: '2026-12-07',
      settlementDate: '',
      comment: '',
    },
    clientRef: 'REF-1',
    accountId: 'ACC-1',
    orderType: 'SUBSCRIPTION',
    fundIsin: 'IE00B4L5Y983',
    amount: '1000.50000000',
    currency: 'EUR',
    units: null,
    tradeDate: '2026-12-07',
    settlementDate: null,
    comment: null,
    status: 'VALID',
    route: 'CASIE',
    orderRef: null,
    externalRefs: {},
    errors: [],
    possibleDuplicate: false,
    version: 2,
    createdAt: new Date('2026-12-04T09:00:00.000Z'),
    updatedAt: new Date('2026-12-04T09:00:01.000Z'),
    ...overrides,
  } satisfies Partial<TradeEntity>);
}
