import { buildConfirmation, type ConfirmationInput } from './confirmation.builder';
import { parseSetrDocument, parseSetrInbound, parseSetrOrder } from './setr-document.parser';
import type { SetrConfirmation, SetrStatusReport } from './setr-inbound.types';
import { buildSetrOrder } from './setr-order.builder';
import { ackOutcomeOf } from './setr-order-status';
import type { SetrMessageType } from './setr-message-types';
import { SetrParseError, type SetrParseErrorCode } from './setr-parse.error';
import { createSetrValidator, SetrValidatorError, type SetrValidator } from './setr.validator';
import { buildStatusReport, type StatusReportInput } from './status-report.builder';
import { expectXsdValid, seededRandom } from './testing/expect-xsd-valid';
import { anOrder } from './testing/order.factory';
import { testXsdDir } from './testing/xsd-dir';

// Every document this spec builds is collected, and proved XSD-valid both ways by the last test.
const built: { messageType: SetrMessageType; xml: string }[] = [];
function record<T extends { messageType: SetrMessageType; xml: string }>(doc: T): T {
  built.push(doc);
  return doc;
}
const recordedStatusReport = (input: StatusReportInput) => record(buildStatusReport(input));
const recordedConfirmation = (input: ConfirmationInput) => record(buildConfirmation(input));
const recordedOrder = (...args: Parameters<typeof buildSetrOrder>) => record(buildSetrOrder(...args));

const ORDER_REF = 'MC0A1B2C3D4E5F60718293A4B5C6D7E8F9';
const MSG_ID = 'C0A1B2C3D4E5F60718293A4B5C6D7E8F9-1';
const report: StatusReportInput = {
  messageId: 'CAL-STS-1',
  createdAt: new Date('2025-03-14T09:31:00Z'),
  relatedMessage: { messageId: MSG_ID, messageType: 'setr.010.001.04' },
  orders: [{ orderRef: ORDER_REF, status: { kind: 'status', code: 'RECE' } }],
};
const confirmation: ConfirmationInput = {
  orderType: 'SUBSCRIPTION',
  messageId: 'CAL-CNF-1',
  createdAt: new Date('2025-03-14T17:00:00Z'),
  relatedMessage: { messageId: MSG_ID, messageType: 'setr.010.001.04' },
  masterRef: 'BATCH-1',
  accountId: 'ACC-1001',
  orderRef: ORDER_REF,
  clientRef: 'CLIENT-001',
  dealRef: 'DEAL-9',
  isin: 'LU0123456789',
  units: '81.3008',
  price: { amount: '12.3062', currency: 'EUR' },
  tradeDate: '2025-03-14',
  settlementAmount: { amount: '1000.50', currency: 'EUR' },
  settlementDate: '2025-03-18',
};

function parseError(run: () => unknown): SetrParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof SetrParseError) return error;
    throw new Error(`expected a SetrParseError, got ${String(error)}`);
  }
  throw new Error('expected a SetrParseError, nothing was thrown');
}

function expectRefused(input: string | Uint8Array, code: SetrParseErrorCode, message: RegExp = /./): void {
  const started = performance.now();
  const error = parseError(() => parseSetrInbound(input));
  expect(performance.now() - started).toBeLessThan(1000);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe(parseSetrInbound.name, () => {
  describe('status reports (setr.016.001.04)', () => {
    it('reads RECE with the order ref and our MsgId', () => {
      const parsed = parseSetrInbound(recordedStatusReport(report).xml) as SetrStatusReport;
      expect(parsed).toEqual({
        kind: 'status-report',
        messageType: 'setr.016.001.04',
        messageId: 'CAL-STS-1',
        createdAt: '2025-03-14T09:31:00Z',
        relatedRefs: [{ ref: MSG_ID, messageName: 'setr.010.001.04' }],
        otherRefs: [],
        report: {
          scope: 'orders',
          orders: [
            {
              orderRef: ORDER_REF,
              masterRef: undefined,
              clientRef: undefined,
              dealRef: undefined,
              cancellationRef: undefined,
              status: { kind: 'status', code: 'RECE' },
            },
          ],
        },
      });
      if (parsed.report.scope === 'orders')
        expect(ackOutcomeOf(parsed.report.orders[0].status)).toBe('RECEIVED');
    });

    it('reads PACK with the deal ref, and Rjctd with every reason and text, for several orders', () => {
      const xml = recordedStatusReport({
        ...report,
        orders: [
          {
            orderRef: 'MC1',
            masterRef: 'B-1',
            clientRef: 'C-1',
            dealRef: 'DEAL-1',
            status: { kind: 'status', code: 'PACK' },
          },
          {
            orderRef: 'MC2',
            status: {
              kind: 'rejected',
              reasons: [{ code: 'CUTO', additionalInfo: 'after cut-off & <late>' }, { code: 'BMIN' }],
            },
          },
        ],
      }).xml;
      const parsed = parseSetrInbound(xml) as SetrStatusReport;
      if (parsed.report.scope !== 'orders') throw new Error('expected order statuses');
      const [accepted, rejected] = parsed.report.orders;
      expect(accepted).toMatchObject({
        orderRef: 'MC1',
        masterRef: 'B-1',
        clientRef: 'C-1',
        dealRef: 'DEAL-1',
      });
      expect(ackOutcomeOf(accepted.status)).toBe('ACCEPTED');
      expect(rejected.status).toEqual({
        kind: 'rejected',
        reasons: [{ code: 'CUTO', additionalInfo: 'after cut-off & <late>' }, { code: 'BMIN' }],
      });
      expect(ackOutcomeOf(rejected.status)).toBe('REJECTED');
    });

    it('reads a status for a whole message (no OrdrRef: match by our MsgId), proprietary reasons, other statuses', () => {
      const ns = 'urn:iso:std:iso:20022:tech:xsd:setr.016.001.04';
      const whole = `<Document xmlns="${ns}"><OrdrInstrStsRpt><MsgId><Id>S1</Id><CreDtTm>2025-03-14T09:31:00Z</CreDtTm></MsgId>
        <Ref><RltdRef><Ref>${MSG_ID}</Ref></RltdRef></Ref>
        <StsRpt><OrdrDtlsRpt><MstrRef>BATCH-1</MstrRef><OrdrSts><Rjctd><Rsn><Prtry><Id>X01</Id></Prtry></Rsn><AddtlInf>bad file</AddtlInf></Rjctd></OrdrSts></OrdrDtlsRpt></StsRpt>
        </OrdrInstrStsRpt></Document>`;
      const suspended = `<Document xmlns="${ns}"><OrdrInstrStsRpt><MsgId><Id>S2</Id><CreDtTm>2025-03-14T09:31:00Z</CreDtTm></MsgId>
        <StsRpt><IndvOrdrDtlsRpt><OrdrRef>MC1</OrdrRef><OrdrSts><Sspd><RsnDtls><Rsn><Cd>PRIC</Cd></Rsn><AddtlInf>price</AddtlInf></RsnDtls></Sspd></OrdrSts></IndvOrdrDtlsRpt>
        <IndvOrdrDtlsRpt><OrdrRef>MC2</OrdrRef><OrdrSts><Canc><Rsn><NoSpcfdRsn>NORE</NoSpcfdRsn></Rsn></Canc></OrdrSts></IndvOrdrDtlsRpt></StsRpt>
        </OrdrInstrStsRpt></Document>`;
      const parsedWhole = parseSetrInbound(whole) as SetrStatusReport;
      expect(parsedWhole.relatedRefs).toEqual([{ ref: MSG_ID }]);
      expect(parsedWhole.report).toEqual({
        scope: 'message',
        masterRef: 'BATCH-1',
        status: { kind: 'rejected', reasons: [{ proprietary: 'X01', additionalInfo: 'bad file' }] },
      });
      const parsedOther = parseSetrInbound(suspended) as SetrStatusReport;
      if (parsedOther.report.scope !== 'orders') throw new Error('expected order statuses');
      expect(parsedOther.report.orders.map((o) => o.status)).toEqual([
        { kind: 'suspended', reasons: [{ code: 'PRIC', additionalInfo: 'price' }] },
        { kind: 'cancelled', reasons: [{ code: 'NORE' }] },
      ]);
      expect(parsedOther.report.orders.map((o) => ackOutcomeOf(o.status))).toEqual(['OTHER', 'OTHER']);
    });
  });

  describe('confirmations', () => {
    const expected = {
      kind: 'confirmation',
      orderType: 'SUBSCRIPTION',
      messageId: 'CAL-CNF-1',
      createdAt: '2025-03-14T17:00:00Z',
      relatedRef: { ref: MSG_ID, messageName: 'setr.010.001.04' },
      masterRef: 'BATCH-1',
      accountId: 'ACC-1001',
      executions: [
        {
          orderRef: ORDER_REF,
          clientRef: 'CLIENT-001',
          dealRef: 'DEAL-9',
          isin: 'LU0123456789',
          units: '81.3008',
          price: { amount: '12.3062', currency: 'EUR' },
          tradeDate: '2025-03-14',
          settlementAmount: { amount: '1000.50', currency: 'EUR' },
          settlementDate: '2025-03-18',
          partiallyExecuted: false,
        },
      ],
    };

    it('reads a setr.012.001.05 subscription confirmation: refs, units, price, trade date, settlement', () => {
      expect(parseSetrInbound(recordedConfirmation(confirmation).xml)).toEqual({
        ...expected,
        messageType: 'setr.012.001.05',
      });
    });

    it('reads a setr.006.001.05 redemption confirmation', () => {
      const parsed = parseSetrInbound(recordedConfirmation({ ...confirmation, orderType: 'REDEMPTION' }).xml);
      expect(parsed).toEqual({ ...expected, messageType: 'setr.006.001.05', orderType: 'REDEMPTION' });
    });

    it.each([
      ['setr.012.001.05', 'setr.012.001.04', 'SUBSCRIPTION'],
      ['setr.006.001.05', 'setr.006.001.04', 'REDEMPTION'],
    ] as const)('reads %s’s fields from a %s document, chosen by namespace', (from, to, orderType) => {
      const xml = recordedConfirmation({ ...confirmation, orderType }).xml.replace(from, to);
      expect(parseSetrInbound(xml)).toEqual({ ...expected, messageType: to, orderType });
    });

    it('takes the trade date from a date-time, and tolerates absent optional fields', () => {
      const xml = recordedConfirmation({
        ...confirmation,
        relatedMessage: undefined,
        masterRef: undefined,
        settlementDate: undefined,
      }).xml.replace('<Dt>2025-03-14</Dt>', '<DtTm>2025-03-14T12:00:00+01:00</DtTm>');
      const parsed = parseSetrInbound(xml) as SetrConfirmation;
      expect(parsed.relatedRef).toBeUndefined();
      expect(parsed.executions[0]).toMatchObject({
        tradeDate: '2025-03-14',
        tradeDateTime: '2025-03-14T12:00:00+01:00',
      });
      expect(parsed.executions[0].settlementDate).toBeUndefined();
    });
  });

  describe('with a validator', () => {
    let validator: SetrValidator;
    beforeAll(async () => {
      validator = await createSetrValidator(testXsdDir());
    });
    afterAll(() => validator.close());

    it('validates documents whose XSD is present and refuses the invalid ones with SCHEMA_INVALID', () => {
      expect(parseSetrInbound(recordedStatusReport(report).xml, { validator }).kind).toBe('status-report');
      const invalid = recordedConfirmation(confirmation).xml.replace('<Cd>NAVL</Cd>', '<Cd>XXXX</Cd>');
      const error = parseError(() => parseSetrInbound(invalid, { validator }));
      expect(error.code).toBe('SCHEMA_INVALID');
      expect(error.details.join('\n')).toMatch(/XXXX/);
    });

    it('lets a validator that cannot run fail as SetrValidatorError (retry later), not as a bad document', async () => {
      const stopped = await createSetrValidator(testXsdDir());
      await stopped.close();
      expect(() => parseSetrInbound(recordedStatusReport(report).xml, { validator: stopped })).toThrow(
        SetrValidatorError,
      );
    });

    it('only parses a .001.04 confirmation, whose XSD is not in the folder', () => {
      const v04 = recordedConfirmation(confirmation)
        .xml.replace('setr.012.001.05', 'setr.012.001.04')
        .replace('<Cd>NAVL</Cd>', '<Cd>XXXX</Cd>');
      expect(parseSetrInbound(v04, { validator }).messageType).toBe('setr.012.001.04');
    });
  });

  describe('encodings and namespaces', () => {
    it('reads UTF-8 bytes with or without a BOM, text unescaped and trimmed', () => {
      const xml = recordedStatusReport({
        ...report,
        orders: [
          { orderRef: 'MC1', clientRef: 'Müller & Söhne <1>', status: { kind: 'status', code: 'PACK' } },
        ],
      }).xml;
      for (const bytes of [
        Buffer.from(xml),
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(xml.replace('<OrdrRef>MC1', '<OrdrRef>\n  MC1 ')),
        ]),
      ]) {
        const parsed = parseSetrInbound(bytes) as SetrStatusReport;
        if (parsed.report.scope !== 'orders') throw new Error('expected order statuses');
        expect(parsed.report.orders[0]).toMatchObject({ orderRef: 'MC1', clientRef: 'Müller & Söhne <1>' });
      }
    });

    it('reads a prefixed namespace the same', () => {
      const xml = recordedStatusReport(report)
        .xml.replace('xmlns=', 'xmlns:s=')
        .replace(/<(\/?)([A-Za-z])/g, '<$1s:$2');
      expect(parseSetrInbound(xml).messageId).toBe('CAL-STS-1');
    });
  });

  describe('refusals', () => {
    const valid = recordedStatusReport(report).xml;

    it.each<[string, string | Uint8Array, SetrParseErrorCode, RegExp]>([
      ['malformed XML', '<Document><OrdrInstrStsRpt></Document>', 'MALFORMED_XML', /well-formed/],
      ['a truncated document', valid.slice(0, valid.length / 2), 'MALFORMED_XML', /well-formed/],
      ['an empty document', '', 'MALFORMED_XML', /./],
      ['text only', 'hello', 'MALFORMED_XML', /./],
      ['an undefined entity reference', valid.replace('RECE', '&foo;'), 'MALFORMED_XML', /undefined entity/],
      [
        'invalid UTF-8 bytes',
        Buffer.concat([
          Buffer.from(valid.slice(0, 200)),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(valid.slice(200)),
        ]),
        'MALFORMED_XML',
        /UTF-8/,
      ],
      ['UTF-16', Buffer.from(`\ufeff${valid}`, 'utf16le'), 'MALFORMED_XML', /UTF-16/],
      [
        'another declared encoding',
        valid.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
        'MALFORMED_XML',
        /ISO-8859-1/,
      ],
      [
        'an external entity (XXE)',
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`,
        'FORBIDDEN_DTD',
        /DOCTYPE/,
      ],
      [
        'a network entity',
        `<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]><x>&e;</x>`,
        'FORBIDDEN_DTD',
        /DOCTYPE/,
      ],
      [
        'a parameter entity',
        `<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]><x/>`,
        'FORBIDDEN_DTD',
        /DOCTYPE/,
      ],
      [
        'an external DTD',
        `<!DOCTYPE Document SYSTEM "http://127.0.0.1:9/x.dtd">${valid.replace(/^<\?xml[^>]*>/, '')}`,
        'FORBIDDEN_DTD',
        /DOCTYPE/,
      ],
      [
        'an unknown namespace',
        valid.replace(/setr\.016\.001\.04/g, 'setr.016.001.03'),
        'UNKNOWN_DOCUMENT',
        /setr\.016\.001\.03/,
      ],
      [
        'a payments namespace',
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf/></Document>',
        'UNKNOWN_DOCUMENT',
        /pacs\.008/,
      ],
      ['no namespace', '<Document><OrdrInstrStsRpt/></Document>', 'UNKNOWN_DOCUMENT', /no namespace/],
      [
        'the wrong message root',
        valid.replace(/OrdrInstrStsRpt/g, 'OrdrCxlStsRpt'),
        'UNKNOWN_DOCUMENT',
        /OrdrInstrStsRpt/,
      ],
      [
        'an order, not an inbound report',
        recordedOrder(anOrder(), { createdAt: new Date() }).xml,
        'UNKNOWN_DOCUMENT',
        /order/,
      ],
      [
        'a missing OrdrRef',
        valid.replace(/<OrdrRef>.*<\/OrdrRef>/, ''),
        'MISSING_FIELD',
        /IndvOrdrDtlsRpt\[1\]\/OrdrRef/,
      ],
      ['an empty MsgId', valid.replace(/<Id>CAL-STS-1<\/Id>/, '<Id> </Id>'), 'MISSING_FIELD', /MsgId\/Id/],
      [
        'a report without statuses',
        valid.replace(/<StsRpt>[\s\S]*<\/StsRpt>/, '<StsRpt/>'),
        'MISSING_FIELD',
        /no order status/,
      ],
      [
        'a confirmation without a price',
        recordedConfirmation(confirmation).xml.replace(/<DealgPricDtls>[\s\S]*<\/DealgPricDtls>/, ''),
        'MISSING_FIELD',
        /DealgPricDtls/,
      ],
      [
        'units that are not a number',
        recordedConfirmation(confirmation).xml.replace('81.3008', '81,3'),
        'INVALID_FIELD',
        /UnitsNb/,
      ],
      [
        'a settlement amount without currency',
        recordedConfirmation(confirmation).xml.replace(' Ccy="EUR">1000.50', '>1000.50'),
        'INVALID_FIELD',
        /SttlmAmt/,
      ],
    ])('%s', (_case, input, code, message) => {
      expectRefused(input, code, message);
    });

    it('refuses billion laughs at once, never expanding an entity', () => {
      const lols = Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
      ).join('');
      expectRefused(
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${lols}]><lolz>&lol9;</lolz>`,
        'FORBIDDEN_DTD',
      );
    });

    it('refuses a 50 MB document, as text or bytes, in well under a second', () => {
      const padding = `<Xtnsn><PlcAndNm>p</PlcAndNm><Txt>${'x'.repeat(300)}</Txt></Xtnsn>`;
      const huge = valid.replace(
        '</OrdrInstrStsRpt>',
        `${padding.repeat(Math.ceil((50 * 1024 * 1024) / padding.length))}</OrdrInstrStsRpt>`,
      );
      expect(huge.length).toBeGreaterThan(50 * 1024 * 1024);
      expectRefused(huge, 'TOO_LARGE', /5242880 bytes/);
      expectRefused(Buffer.from(huge), 'TOO_LARGE');
    });

    it('counts UTF-8 bytes, not characters, against the limit', () => {
      const text = valid.replace('</OrdrInstrStsRpt>', `<!--${'é'.repeat(600)}--></OrdrInstrStsRpt>`);
      expect(text.length).toBeLessThan(2000);
      const error = parseError(() => parseSetrInbound(text, { limits: { maxBytes: 1500 } }));
      expect(error.code).toBe('TOO_LARGE');
    });

    it('refuses deep nesting and too many elements', () => {
      const deep = valid.replace(
        '</OrdrInstrStsRpt>',
        `${'<Xtnsn>'.repeat(100_000)}${'</Xtnsn>'.repeat(100_000)}</OrdrInstrStsRpt>`,
      );
      expectRefused(deep, 'TOO_LARGE', /deeper than 64/);
      const many = valid.replace('</OrdrInstrStsRpt>', `${'<Xtnsn/>'.repeat(1000)}</OrdrInstrStsRpt>`);
      const error = parseError(() => parseSetrInbound(many, { limits: { maxElements: 1000 } }));
      expect([error.code, error.message]).toEqual(['TOO_LARGE', 'the document has more than 1000 elements']);
    });

    it('never throws anything but SetrParseError, whatever the bytes (fuzz)', () => {
      const random = seededRandom(20250314);
      const seeds = [valid, recordedConfirmation(confirmation).xml];
      for (let i = 0; i < 500; i++) {
        const bytes = Buffer.from(seeds[i % seeds.length]);
        for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        }
        const cut = random() < 0.3 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
        try {
          parseSetrDocument(cut);
        } catch (error) {
          expect(error).toBeInstanceOf(SetrParseError);
        }
      }
    });
  });
});

describe(parseSetrOrder.name, () => {
  it('reads back a subscription by amount and a redemption by units, as the simulator needs', () => {
    const createdAt = new Date('2025-03-14T09:30:00Z');
    const subscription = recordedOrder(anOrder({ clientRef: 'Müller & Söhne' }), { createdAt });
    expect(parseSetrOrder(subscription.xml)).toEqual({
      kind: 'order',
      messageType: 'setr.010.001.04',
      orderType: 'SUBSCRIPTION',
      messageId: subscription.messageId,
      createdAt: '2025-03-14T09:30:00Z',
      masterRef: subscription.masterRef,
      requestedTradeDate: undefined,
      accountId: 'ACC-1001',
      orders: [
        {
          orderRef: ORDER_REF,
          clientRef: 'Müller & Söhne',
          isin: 'LU0123456789',
          amount: { amount: '1000.50', currency: 'EUR' },
          settlementDate: '2025-03-18',
        },
      ],
    });
    const redemption = recordedOrder(
      anOrder({ orderType: 'REDEMPTION', amount: null, currency: null, units: '12.5', settlementDate: null }),
      {
        createdAt,
      },
    );
    expect(parseSetrOrder(redemption.xml).orders).toEqual([
      {
        orderRef: ORDER_REF,
        clientRef: 'CLIENT-001',
        isin: 'LU0123456789',
        units: '12.5',
        settlementDate: undefined,
      },
    ]);
  });

  it('refuses a status report', () => {
    expect(parseError(() => parseSetrOrder(recordedStatusReport(report).xml)).code).toBe('UNKNOWN_DOCUMENT');
  });
});

describe('documents built by these specs', () => {
  it('are all XSD-valid in-process and with xmllint', async () => {
    const validator = await createSetrValidator(testXsdDir());
    try {
      expect(built.length).toBeGreaterThan(20);
      expectXsdValid(validator, built);
    } finally {
      await validator.close();
    }
  });
});
