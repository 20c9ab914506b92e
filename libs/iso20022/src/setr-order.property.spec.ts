import type { Order } from '@contingency/contracts';
import { buildConfirmation } from './confirmation.builder';
import { parseSetrInbound, parseSetrOrder } from './setr-document.parser';
import type { SetrConfirmation, SetrStatusReport } from './setr-inbound.types';
import { buildSetrOrder } from './setr-order.builder';
import { preflight } from './setr-order.preflight';
import { REJECTED_REASON_CODES } from './setr-order-status';
import { createSetrValidator, type SetrValidator } from './setr.validator';
import { buildStatusReport } from './status-report.builder';
import { expectXsdValid, seededRandom } from './testing/expect-xsd-valid';
import { testXsdDir } from './testing/xsd-dir';

const SEED = Number(process.env.ISO20022_PROPERTY_SEED ?? 20250314);
const CASES = 300;
// Letters, digits, punctuation, XML specials, accents, other scripts, an astral character.
const TEXT_CHARS = [...`ABCxyz0189 -_./&<>"'éÉçßøΩЖ東😀`];
const HEX = '0123456789ABCDEF';

function orderGenerator(seed: number): () => Order {
  const random = seededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');
  const text = (max: number): string => {
    const chars = Array.from({ length: int(1, max) }, () => pick(TEXT_CHARS));
    // The trade file trims references, so none starts or ends with a space.
    if (chars[0] === ' ') chars[0] = 'A';
    if (chars.at(-1) === ' ') chars[chars.length - 1] = 'Z';
    return chars.join('');
  };
  // Any positive decimal with at most `intDigits` + `fractionDigits`, leading and trailing zeros included.
  const decimal = (intDigits: number, fractionDigits: number): string => {
    const whole = `${'0'.repeat(int(0, 1))}${String(int(1, 9))}${digits(int(0, intDigits - 1))}`;
    const fraction = int(0, fractionDigits);
    return fraction === 0 ? whole : `${whole}.${digits(fraction)}`;
  };
  const date = (): string =>
    `${int(2024, 2030)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  return () => {
    const byUnits = random() < 0.5;
    return {
      orderRef: `MC${Array.from({ length: 32 }, () => pick([...HEX])).join('')}`,
      tradeId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
      batchId: `${digits(8)}-${digits(4)}-4${digits(3)}-8${digits(3)}-${digits(12)}`,
      clientRef: text(35),
      orderType: random() < 0.5 ? 'SUBSCRIPTION' : 'REDEMPTION',
      fundIsin: `${pick(['LU', 'IE', 'GB', 'FR'])}${Array.from({ length: 9 }, () => pick([...'ABCDEFGHJK0123456789'])).join('')}${int(0, 9)}`,
      accountId: text(35),
      amount: byUnits ? null : decimal(13, 5),
      currency: byUnits ? pick([null, 'EUR']) : pick(['EUR', 'USD', 'GBP', 'JPY', 'KWD', 'CHF']),
      units: byUnits ? decimal(10, 8) : null,
      tradeDate: date(),
      settlementDate: random() < 0.5 ? null : date(),
      routeReason: 'property',
    };
  };
}

describe('setr documents for random orders within the contract (property)', () => {
  let validator: SetrValidator;
  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
  });
  afterAll(() => validator.close());

  it(`every order passes preflight, builds an XSD-valid document (in-process and xmllint) and reads back (seed ${SEED})`, () => {
    const next = orderGenerator(SEED);
    const orders = Array.from({ length: CASES }, next);
    const createdAt = new Date('2025-03-14T09:30:00Z');
    for (const order of orders) expect(preflight(order)).toEqual({ ok: true });
    const documents = orders.map((order, i) => buildSetrOrder(order, { createdAt, attempt: 1 + (i % 99) }));
    expectXsdValid(validator, documents);
    documents.forEach((doc, i) => {
      const parsed = parseSetrOrder(doc.xml);
      expect(parsed.messageId).toBe(doc.messageId);
      expect(parsed.accountId).toBe(orders[i].accountId);
      expect(parsed.orders[0].clientRef).toBe(orders[i].clientRef);
      expect(parsed.orders[0].orderRef).toBe(orders[i].orderRef);
    });
  });

  it(`the simulator's answers to those orders are XSD-valid and read back as sent (seed ${SEED})`, () => {
    const next = orderGenerator(SEED + 1);
    const random = seededRandom(SEED + 2);
    const documents: {
      messageType: 'setr.016.001.04' | 'setr.012.001.05' | 'setr.006.001.05';
      xml: string;
    }[] = [];
    for (let i = 0; i < CASES / 3; i++) {
      const order = next();
      const sent = buildSetrOrder(order, { createdAt: new Date() });
      const related = { messageId: sent.messageId, messageType: sent.messageType };
      const reason = REJECTED_REASON_CODES[Math.floor(random() * REJECTED_REASON_CODES.length)];
      const report = buildStatusReport({
        messageId: `STS-${i}`,
        createdAt: new Date(),
        relatedMessage: related,
        orders: [
          random() < 0.5
            ? { orderRef: order.orderRef, dealRef: `D${i}`, status: { kind: 'status', code: 'PACK' } }
            : {
                orderRef: order.orderRef,
                status: { kind: 'rejected', reasons: [{ code: reason, additionalInfo: order.clientRef }] },
              },
        ],
      }).xml;
      const confirmation = buildConfirmation({
        orderType: order.orderType,
        messageId: `CNF-${i}`,
        createdAt: new Date(),
        relatedMessage: related,
        accountId: order.accountId,
        orderRef: order.orderRef,
        dealRef: `D${i}`,
        isin: order.fundIsin,
        units: order.units ?? '1.5',
        price: {
          amount: `${1 + Math.floor(random() * 1000)}.${Math.floor(random() * 1e6)}`,
          currency: 'EUR',
        },
        tradeDate: order.tradeDate,
        settlementAmount: { amount: order.amount ?? '100', currency: order.currency ?? 'EUR' },
      });
      documents.push({ messageType: 'setr.016.001.04', xml: report }, confirmation);
      const readReport = parseSetrInbound(report) as SetrStatusReport;
      expect(readReport.relatedRefs[0].ref).toBe(sent.messageId);
      if (readReport.report.scope === 'orders')
        expect(readReport.report.orders[0].orderRef).toBe(order.orderRef);
      const readConfirmation = parseSetrInbound(confirmation.xml) as SetrConfirmation;
      expect(readConfirmation.executions[0]).toMatchObject({
        orderRef: order.orderRef,
        dealRef: `D${i}`,
        tradeDate: order.tradeDate,
      });
      expect(readConfirmation.accountId).toBe(order.accountId);
    }
    expectXsdValid(validator, documents);
  });

  it('refuses, with the digit codes, amounts and units the contract allows but the XSD does not', () => {
    const next = orderGenerator(SEED + 3);
    for (let i = 0; i < 50; i++) {
      const order = next();
      const tooMany =
        order.units === null ? { amount: `1${'2'.repeat(19)}.5` } : { units: `1${'2'.repeat(17)}.5` };
      const result = preflight({ ...order, ...tooMany });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.errors.map((e) => e.code)).toEqual([
          order.units === null ? 'AMOUNT_TOO_MANY_DIGITS' : 'UNITS_TOO_MANY_DIGITS',
        ]);
    }
  });
});
