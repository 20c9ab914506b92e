import type { Order } from '@contingency/contracts';
import { buildSetrOrder } from './setr-order.builder';
import { SetrPreflightError } from './setr-order.preflight';
import type { SetrOrderRefs } from './setr-order.refs';
import { createSetrValidator, type SetrValidator } from './setr.validator';
import { expectXsdValid } from './testing/expect-xsd-valid';
import { anOrder } from './testing/order.factory';
import { testXsdDir } from './testing/xsd-dir';

const createdAt = new Date('2025-03-14T09:30:00Z');
const byUnits = { amount: null, currency: null } as const;

const CASES: [string, Partial<Order>, Partial<SetrOrderRefs>, string[]][] = [
  [
    'subscription by EUR amount, with settlement date',
    {},
    {},
    ['<GrssAmt Ccy="EUR">1000.50</GrssAmt>', '<CshSttlmDt>2025-03-18</CshSttlmDt>'],
  ],
  [
    'subscription by JPY amount (no decimals), no settlement date',
    { amount: '1500000', currency: 'JPY', settlementDate: null },
    {},
    ['<GrssAmt Ccy="JPY">1500000</GrssAmt>'],
  ],
  [
    'subscription by KWD amount (3 decimals)',
    { amount: '250.125', currency: 'KWD' },
    {},
    ['<GrssAmt Ccy="KWD">250.125</GrssAmt>'],
  ],
  ['subscription by units', { ...byUnits, units: '125.5' }, {}, ['<AmtOrUnits>', '<UnitsNb>125.5</UnitsNb>']],
  [
    'redemption by units, with settlement date',
    { orderType: 'REDEMPTION', ...byUnits, units: '10.123456' },
    {},
    ['<RedOrdr>', '<AmtOrUnitsOrPctg>', '<UnitsNb>10.123456</UnitsNb>'],
  ],
  [
    'redemption by units, no settlement date',
    { orderType: 'REDEMPTION', ...byUnits, units: '3', settlementDate: null },
    {},
    ['<UnitsNb>3</UnitsNb>'],
  ],
  [
    'redemption by GBP amount',
    { orderType: 'REDEMPTION', amount: '99999.99', currency: 'GBP' },
    {},
    ['<GrssAmt Ccy="GBP">99999.99</GrssAmt>'],
  ],
  [
    'units given with the fund currency (ignored)',
    { ...byUnits, units: '7', currency: 'EUR' },
    {},
    ['<UnitsNb>7</UnitsNb>'],
  ],
  [
    'accented and XML-special references',
    { clientRef: `Müller & Söhne <"Ré'f">`, accountId: 'Société Générale Ω' },
    {},
    [
      '<ClntRef>Müller &amp; Söhne &lt;&quot;Ré&apos;f&quot;&gt;</ClntRef>',
      '<AcctId>Société Générale Ω</AcctId>',
    ],
  ],
  [
    '35-character references',
    { accountId: 'é'.repeat(35), clientRef: 'x'.repeat(35), orderRef: 'R'.repeat(35) },
    {},
    [`<OrdrRef>${'R'.repeat(35)}</OrdrRef>`],
  ],
  ['the largest amount (13 + 5 digits)', { amount: '9999999999999.99999' }, {}, ['>9999999999999.99999<']],
  [
    'the finest units (1 + 17 digits)',
    { ...byUnits, units: '1.12345678' },
    {},
    ['<UnitsNb>1.12345678</UnitsNb>'],
  ],
  [
    'trailing zeros beyond 5 decimals',
    { amount: '100.12000000' },
    {},
    ['<GrssAmt Ccy="EUR">100.12</GrssAmt>'],
  ],
  ['leading zeros', { amount: '000042.10' }, {}, ['<GrssAmt Ccy="EUR">42.10</GrssAmt>']],
  [
    'a leap-day trade date',
    { tradeDate: '2028-02-29', settlementDate: '2028-03-01' },
    {},
    ['<ReqdFutrTradDt>2028-02-29</ReqdFutrTradDt>'],
  ],
  ['a later attempt', {}, { attempt: 42 }, ['<Id>0A1B2C3D4E5F60718293A4B5C6D7E8F9-42</Id>']],
  [
    'given references',
    {},
    { messageId: 'MSG-EXPLICIT', masterRef: 'BATCH-7' },
    ['<Id>MSG-EXPLICIT</Id>', '<MstrRef>BATCH-7</MstrRef>'],
  ],
  [
    'instructing party by BIC, servicer by proprietary id',
    {},
    {
      instructingParty: { bic: 'GSCMGB2LXXX' },
      accountServicer: { proprietaryId: 'TA-77', scheme: 'CALASTONE', issuer: 'CALASTONE' },
    },
    ['<AnyBIC>GSCMGB2LXXX</AnyBIC>', '<Cd>INTR</Cd>', '<SchmeNm>CALASTONE</SchmeNm>'],
  ],
  [
    'parties by name',
    { orderType: 'REDEMPTION', ...byUnits, units: '1' },
    {
      instructingParty: { name: 'Mosaic Contingency & Co' },
      accountServicer: { name: 'Transfer Agent Ltd' },
    },
    ['<Nm>Mosaic Contingency &amp; Co</Nm>'],
  ],
];

describe(buildSetrOrder.name, () => {
  let validator: SetrValidator;
  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
  });
  afterAll(() => validator.close());

  it.each(CASES)('%s: XSD-valid in-process and with xmllint', (_case, overrides, refs, fragments) => {
    const doc = buildSetrOrder(anOrder(overrides), { createdAt, ...refs });
    for (const fragment of fragments) expect(doc.xml).toContain(fragment);
    expectXsdValid(validator, [doc]);
  });

  it('maps a subscription field by field (docs/contracts/calastone-v1.md)', () => {
    const doc = buildSetrOrder(anOrder(), { createdAt });
    expect(doc).toMatchObject({
      messageType: 'setr.010.001.04',
      messageId: 'C0A1B2C3D4E5F60718293A4B5C6D7E8F9-1',
      masterRef: '5d0c8e3a9b7f4a618c2d1e3f5a7b9c0d',
      fileName: 'MC0A1B2C3D4E5F60718293A4B5C6D7E8F9.setr.010.001.04.xml',
    });
    expect(doc.xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:setr.010.001.04">
  <SbcptOrdr>
    <MsgId>
      <Id>C0A1B2C3D4E5F60718293A4B5C6D7E8F9-1</Id>
      <CreDtTm>2025-03-14T09:30:00Z</CreDtTm>
    </MsgId>
    <MltplOrdrDtls>
      <MstrRef>5d0c8e3a9b7f4a618c2d1e3f5a7b9c0d</MstrRef>
      <InvstmtAcctDtls>
        <AcctId>ACC-1001</AcctId>
      </InvstmtAcctDtls>
      <IndvOrdrDtls>
        <OrdrRef>MC0A1B2C3D4E5F60718293A4B5C6D7E8F9</OrdrRef>
        <ClntRef>CLIENT-001</ClntRef>
        <FinInstrmDtls>
          <Id>
            <ISIN>LU0123456789</ISIN>
          </Id>
        </FinInstrmDtls>
        <AmtOrUnits>
          <GrssAmt Ccy="EUR">1000.50</GrssAmt>
        </AmtOrUnits>
        <CshSttlmDt>2025-03-18</CshSttlmDt>
        <PhysDlvryInd>false</PhysDlvryInd>
      </IndvOrdrDtls>
    </MltplOrdrDtls>
  </SbcptOrdr>
</Document>
`);
  });

  it('asks for a trade date only when it is after the day of the document (UTC)', () => {
    const at = (iso: string) =>
      buildSetrOrder(anOrder({ tradeDate: '2025-03-14' }), { createdAt: new Date(iso) });
    const today = at('2025-03-14T23:59:59Z');
    const forward = at('2025-03-13T23:59:59Z');
    expect(today.xml).not.toContain('ReqdFutrTradDt');
    expect(forward.xml).toContain('<ReqdFutrTradDt>2025-03-14</ReqdFutrTradDt>');
    expectXsdValid(validator, [today, forward]);
  });

  it('names a redemption file after its order ref and message type', () => {
    const doc = buildSetrOrder(anOrder({ orderType: 'REDEMPTION' }), { createdAt });
    expect(doc.messageType).toBe('setr.004.001.04');
    expect(doc.fileName).toBe('MC0A1B2C3D4E5F60718293A4B5C6D7E8F9.setr.004.001.04.xml');
    expectXsdValid(validator, [doc]);
  });

  it('gives a resend the same OrdrRef and file name but a new MsgId', () => {
    const first = buildSetrOrder(anOrder(), { createdAt, attempt: 1 });
    const again = buildSetrOrder(anOrder(), { createdAt, attempt: 2 });
    expect(again.fileName).toBe(first.fileName);
    expect(again.messageId).not.toBe(first.messageId);
    expect(again.xml.replace(again.messageId, first.messageId)).toBe(first.xml);
    expectXsdValid(validator, [first, again]);
  });

  it('refuses a 40-character account with ACCOUNT_ID_TOO_LONG before writing any XML', () => {
    let thrown: unknown;
    try {
      buildSetrOrder(anOrder({ accountId: 'A'.repeat(40) }), { createdAt });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SetrPreflightError);
    expect((thrown as SetrPreflightError).code).toBe('ACCOUNT_ID_TOO_LONG');
  });

  it('refuses a control character in a reference rather than writing it', () => {
    expect(() => buildSetrOrder(anOrder({ clientRef: 'A\u0008B' }), { createdAt })).toThrow(
      SetrPreflightError,
    );
  });
});
