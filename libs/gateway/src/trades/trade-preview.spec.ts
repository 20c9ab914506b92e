import { orderFromTrade, orderRefFor } from '@contingency/ledger';
import { OrderV1 } from '@contingency/contracts';
import { ApiError } from '../http/api-error';
import { tradeEntity } from './testing/trade-entity.factory';
import { previewOf } from './trade-preview';

describe('orderFromTrade', () => {
  it('builds the contract order with our order ref and canonical decimals', () => {
    const trade = tradeEntity();

    const order = orderFromTrade(trade, 'primary route');

    expect(OrderV1.parse(order)).toEqual({
      orderRef: orderRefFor(trade.id),
      tradeId: trade.id,
      batchId: trade.batchId,
      clientRef: 'REF-1',
      orderType: 'SUBSCRIPTION',
      fundIsin: 'IE00B4L5Y983',
      accountId: 'ACC-1',
      amount: '1000.5',
      currency: 'EUR',
      units: null,
      tradeDate: '2026-12-07',
      settlementDate: null,
      routeReason: 'primary route',
    });
  });

  it('refuses a trade that validation never completed', () => {
    expect(() => orderFromTrade(tradeEntity({ orderType: null }), 'primary route')).toThrow(
      /no validated order fields/,
    );
  });
});

describe('previewOf', () => {
  it('shows the Casie JSON for a Casie trade', () => {
    const trade = tradeEntity();

    expect(previewOf(trade)).toEqual({
      route: 'CASIE',
      contentType: 'application/json',
      document: {
        orderRef: orderRefFor(trade.id),
        clientRef: 'REF-1',
        orderType: 'SUBSCRIPTION',
        fundIsin: 'IE00B4L5Y983',
        accountId: 'ACC-1',
        amount: '1000.5',
        currency: 'EUR',
        units: null,
        tradeDate: '2026-12-07',
        settlementDate: null,
      },
    });
  });

  it('answers 409 NOT_ROUTED for a trade without a route', () => {
    const error = catchError(() => previewOf(tradeEntity({ status: 'INVALID', route: null })));

    expect(error).toMatchObject({ status: 409, code: 'NOT_ROUTED' });
    expect(error.message).toContain('is INVALID and has no route yet');
  });

  it('answers 409 PREVIEW_UNAVAILABLE for Calastone until the setr codec exists', () => {
    const error = catchError(() => previewOf(tradeEntity({ route: 'CALASTONE' })));

    expect(error).toMatchObject({ status: 409, code: 'PREVIEW_UNAVAILABLE' });
    expect(error.message).toContain('the setr codec arrives with the Calastone adapter');
  });
});

function catchError(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}
