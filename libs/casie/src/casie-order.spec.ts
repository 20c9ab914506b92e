import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Order } from '@contingency/contracts';
import { CasieAccepted, CasieOrderStatus, CasieOrderV1, CasieRefusal, toCasieOrder } from './casie-order';
import { type JsonSchema, validate } from './testing/json-schema-lite';

const CONTRACTS = join(__dirname, '..', '..', '..', 'docs', 'contracts');
const schema = JSON.parse(
  readFileSync(join(CONTRACTS, 'casie-order-v1.schema.json'), 'utf8'),
) as JsonSchema & {
  $defs: Record<'accepted' | 'refusal' | 'status', JsonSchema>;
};
const examples = [
  ...readFileSync(join(CONTRACTS, 'casie-order-v1.md'), 'utf8').matchAll(/```json\n([\s\S]*?)```/g),
].map((m) => JSON.parse(m[1]) as Record<string, unknown>);

const order = (overrides: Partial<Order> = {}): Order => ({
  orderRef: 'MC7B0C1C0A8D4E4B7E9A433F1C1D1E0002',
  tradeId: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0002',
  batchId: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0001',
  clientRef: 'SS-001',
  orderType: 'SUBSCRIPTION',
  fundIsin: 'IE00B4L5Y983',
  accountId: 'ACC-1',
  amount: '1000.5',
  currency: 'EUR',
  units: null,
  tradeDate: '2026-12-04',
  settlementDate: null,
  routeReason: 'primary route',
  ...overrides,
});

describe('Casie order contract v1', () => {
  it('has examples of every document in the contract', () => {
    expect(examples.filter((e) => 'clientRef' in e)).toHaveLength(2);
    expect(examples.filter((e) => 'reason' in e)).toHaveLength(1);
    expect(examples.filter((e) => 'receivedAt' in e)).toHaveLength(1);
  });

  it.each(examples.map((e) => [Object.keys(e).join(','), e]))('example {%s} is valid', (_keys, example) => {
    if ('clientRef' in example) {
      expect(validate(schema, example)).toEqual([]);
      expect(CasieOrderV1.safeParse(example).success).toBe(true);
    } else if ('receivedAt' in example) {
      expect(validate(schema.$defs.status, example)).toEqual([]);
      expect(CasieOrderStatus.safeParse(example).success).toBe(true);
    } else if ('reason' in example) {
      expect(validate(schema.$defs.refusal, example)).toEqual([]);
      expect(CasieRefusal.safeParse(example).success).toBe(true);
    } else {
      expect(validate(schema.$defs.accepted, example)).toEqual([]);
      expect(CasieAccepted.safeParse(example).success).toBe(true);
    }
  });

  it.each([
    ['an amount order', order()],
    ['a units order with the currency', order({ amount: null, units: '12.3456', currency: 'EUR' })],
    [
      'a units order without currency',
      order({ amount: null, units: '12', currency: null, settlementDate: '2026-12-07' }),
    ],
    ['a redemption', order({ orderType: 'REDEMPTION', clientRef: 'x'.repeat(35), accountId: 'A' })],
  ])('toCasieOrder builds a valid document for %s', (_name, input) => {
    const document = toCasieOrder(input);

    expect(validate(schema, document)).toEqual([]);
    expect(CasieOrderV1.parse(document)).toEqual(document);
    expect(Object.keys(document).sort()).toEqual([...(schema.required as string[])].sort());
  });

  it('leaves our own fields out of the document', () => {
    expect(toCasieOrder(order())).not.toHaveProperty('routeReason');
    expect(toCasieOrder(order())).not.toHaveProperty('tradeId');
  });

  const valid = toCasieOrder(order());
  it.each([
    ['both amount and units', { ...valid, units: '1' }],
    ['neither amount nor units', { ...valid, amount: null }],
    ['an amount without currency', { ...valid, currency: null }],
    ['an unknown property', { ...valid, comment: 'hi' }],
    ['a missing property', Object.fromEntries(Object.entries(valid).filter(([k]) => k !== 'settlementDate'))],
    ['a lower-case ISIN', { ...valid, fundIsin: 'ie00b4l5y983' }],
    ['an order reference of 36 characters', { ...valid, orderRef: 'M'.repeat(36) }],
    ['an order reference with a slash', { ...valid, orderRef: 'MC/1' }],
    ['a padded amount of 9 decimals', { ...valid, amount: '1.000000000' }],
    ['a negative amount', { ...valid, amount: '-1' }],
    ['an empty client reference', { ...valid, clientRef: '' }],
    ['a date with a time', { ...valid, tradeDate: '2026-12-04T00:00:00Z' }],
    ['an unknown order type', { ...valid, orderType: 'SWITCH' }],
    ['a lower-case currency', { ...valid, currency: 'eur' }],
  ])('refuses %s, in the schema and in its zod mirror', (_name, document) => {
    expect(validate(schema, document)).not.toEqual([]);
    expect(CasieOrderV1.safeParse(document).success).toBe(false);
  });
});
