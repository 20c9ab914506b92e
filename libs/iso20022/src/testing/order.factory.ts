import type { Order } from '@contingency/contracts';

/** A valid subscription by amount; override what a test is about. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    orderRef: 'MC0A1B2C3D4E5F60718293A4B5C6D7E8F9',
    tradeId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
    batchId: '5d0c8e3a-9b7f-4a61-8c2d-1e3f5a7b9c0d',
    clientRef: 'CLIENT-001',
    orderType: 'SUBSCRIPTION',
    fundIsin: 'LU0123456789',
    accountId: 'ACC-1001',
    amount: '1000.50',
    currency: 'EUR',
    units: null,
    tradeDate: '2025-03-14',
    settlementDate: '2025-03-18',
    routeReason: 'primary',
    ...overrides,
  };
}
