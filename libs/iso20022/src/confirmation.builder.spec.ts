import { buildConfirmation, type ConfirmationInput } from './confirmation.builder';
import { createSetrValidator, type SetrValidator } from './setr.validator';
import { expectXsdValid } from './testing/expect-xsd-valid';
import { testXsdDir } from './testing/xsd-dir';

const base: ConfirmationInput = {
  orderType: 'SUBSCRIPTION',
  messageId: 'CAL-CNF-0001',
  createdAt: new Date('2025-03-14T17:00:00Z'),
  relatedMessage: { messageId: 'C0A1B2C3D4E5F60718293A4B5C6D7E8F9-1', messageType: 'setr.010.001.04' },
  masterRef: '5d0c8e3a9b7f4a618c2d1e3f5a7b9c0d',
  accountId: 'ACC-1001',
  orderRef: 'MC0A1B2C3D4E5F60718293A4B5C6D7E8F9',
  clientRef: 'CLIENT-001',
  dealRef: 'DEAL-9',
  isin: 'LU0123456789',
  units: '81.3008',
  price: { amount: '12.3062', currency: 'EUR' },
  tradeDate: '2025-03-14',
  settlementAmount: { amount: '1000.50', currency: 'EUR' },
  settlementDate: '2025-03-18',
};

describe(buildConfirmation.name, () => {
  let validator: SetrValidator;
  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
  });
  afterAll(() => validator.close());

  it.each<[string, Partial<ConfirmationInput>]>([
    ['subscription', {}],
    ['redemption', { orderType: 'REDEMPTION' }],
    [
      'without the optional references and settlement date',
      { relatedMessage: undefined, masterRef: undefined, clientRef: undefined, settlementDate: undefined },
    ],
    [
      'JPY with a 13-decimal price',
      {
        price: { amount: '10234.1234567890123', currency: 'JPY' },
        settlementAmount: { amount: '1500000', currency: 'JPY' },
      },
    ],
    [
      'KWD, 17-decimal units',
      { units: '0.12345678901234567', settlementAmount: { amount: '250.125', currency: 'KWD' } },
    ],
    ['accented account', { accountId: 'Société Générale & Fils' }],
  ])('%s: XSD-valid in-process and with xmllint', (_case, overrides) => {
    const doc = buildConfirmation({ ...base, ...overrides });
    expect(doc.messageType).toBe(
      overrides.orderType === 'REDEMPTION' ? 'setr.006.001.05' : 'setr.012.001.05',
    );
    expectXsdValid(validator, [doc]);
  });

  it('writes the price as NAV with its currency, and the settlement amount', () => {
    const { xml } = buildConfirmation(base);
    expect(xml).toContain('<Cd>NAVL</Cd>');
    expect(xml).toContain('<Amt Ccy="EUR">12.3062</Amt>');
    expect(xml).toContain('<SttlmAmt Ccy="EUR">1000.50</SttlmAmt>');
    expect(xml).toContain('<Dt>2025-03-14</Dt>');
  });

  it.each<[string, Partial<ConfirmationInput>]>([
    ['a 14-decimal price', { price: { amount: '1.12345678901234', currency: 'EUR' } }],
    ['6-decimal settlement amount', { settlementAmount: { amount: '1.123456', currency: 'EUR' } }],
    ['19-digit units', { units: '1234567890123456789' }],
    ['an impossible trade date', { tradeDate: '2025-02-30' }],
  ])('refuses %s', (_case, overrides) => {
    expect(() => buildConfirmation({ ...base, ...overrides })).toThrow(RangeError);
  });
});
