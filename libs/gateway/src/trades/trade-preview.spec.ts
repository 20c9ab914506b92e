import { orderFromTrade, orderRefFor } from '@contingency/ledger';
import { OrderV1 } from '@contingency/contracts';
import { testXsdDir, validateWithXmllint } from '@contingency/iso20022';
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

  it('shows the setr.010 XML for a Calastone subscription, valid against the official XSD', () => {
    const trade = tradeEntity({ route: 'CALASTONE' });

    const preview = previewOf(trade);

    expect(preview).toMatchObject({ route: 'CALASTONE', contentType: 'application/xml' });
    const xml = preview.document as string;
    expect(xml).toContain(`<OrdrRef>${orderRefFor(trade.id)}</OrdrRef>`);
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:setr.010.001.04');
    expect(validateWithXmllint(testXsdDir(), [{ messageType: 'setr.010.001.04', xml }])).toEqual([
      { valid: true, output: [expect.stringContaining('validates')] },
    ]);
  });

  it('answers 422 SETR_PREFLIGHT_FAILED for an account id the setr XSD would refuse', () => {
    const error = catchError(() => previewOf(tradeEntity({ route: 'CALASTONE', accountId: 'A'.repeat(40) })));

    expect(error).toMatchObject({ status: 422, code: 'SETR_PREFLIGHT_FAILED' });
    expect(error.message).toContain('ACCOUNT_ID_TOO_LONG');
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
