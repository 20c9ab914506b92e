import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORDER_STATUS_CODES, REJECTED_REASON_CODES } from './setr-order-status';
import { createSetrValidator, type SetrValidator } from './setr.validator';
import { buildStatusReport, type StatusReportInput } from './status-report.builder';
import { expectXsdValid } from './testing/expect-xsd-valid';
import { testXsdDir } from './testing/xsd-dir';

const base: StatusReportInput = {
  messageId: 'CAL-STS-0001',
  createdAt: new Date('2025-03-14T09:31:00Z'),
  relatedMessage: { messageId: 'C0A1B2C3D4E5F60718293A4B5C6D7E8F9-1', messageType: 'setr.010.001.04' },
  orders: [{ orderRef: 'MC0A1B2C3D4E5F60718293A4B5C6D7E8F9', status: { kind: 'status', code: 'RECE' } }],
};

describe(buildStatusReport.name, () => {
  let validator: SetrValidator;
  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
  });
  afterAll(() => validator.close());

  it('writes RECE, PACK with the deal ref, and Rjctd with reason and text, all XSD-valid', () => {
    const received = buildStatusReport(base).xml;
    const accepted = buildStatusReport({
      ...base,
      orders: [
        {
          ...base.orders[0],
          masterRef: 'B-1',
          clientRef: 'C-1',
          dealRef: 'DEAL-9',
          status: { kind: 'status', code: 'PACK' },
        },
      ],
    }).xml;
    const rejected = buildStatusReport({
      ...base,
      relatedMessage: undefined,
      orders: [
        {
          orderRef: 'MC1',
          status: {
            kind: 'rejected',
            reasons: [{ code: 'CUTO', additionalInfo: 'Received after the 12:00 cut-off & <late>' }],
          },
        },
      ],
    }).xml;
    expect(received).toContain('<Sts>RECE</Sts>');
    expect(received).toContain('<MsgNm>setr.010.001.04</MsgNm>');
    expect(accepted).toContain('<DealRef>DEAL-9</DealRef>');
    expect(rejected).toContain('<AddtlInf>Received after the 12:00 cut-off &amp; &lt;late&gt;</AddtlInf>');
    expectXsdValid(
      validator,
      [received, accepted, rejected].map((xml) => ({ messageType: 'setr.016.001.04', xml })),
    );
  });

  it('writes every status code and every rejection reason code XSD-valid, several orders per report', () => {
    const statuses = buildStatusReport({
      ...base,
      orders: ORDER_STATUS_CODES.map((code, i) => ({ orderRef: `MC${i}`, status: { kind: 'status', code } })),
    }).xml;
    const rejections = buildStatusReport({
      ...base,
      orders: REJECTED_REASON_CODES.map((code, i) => ({
        orderRef: `MC${i}`,
        status: { kind: 'rejected', reasons: [{ code }, { code: 'INTE', additionalInfo: 'and another' }] },
      })),
    }).xml;
    expectXsdValid(
      validator,
      [statuses, rejections].map((xml) => ({ messageType: 'setr.016.001.04', xml })),
    );
  });

  it('knows exactly the codes listed in the official setr.016.001.04 code lists', () => {
    type CodeLists = Record<string, Record<string, { code: string }[]>>;
    const file = JSON.parse(readFileSync(join(testXsdDir(), 'setr-status-codes.json'), 'utf8')) as CodeLists;
    const lists = file['setr.016.001.04'];
    const codes = (key: string): string[] =>
      lists[Object.keys(lists).find((k) => k.startsWith(key))!].map((c) => c.code).sort();
    expect([...ORDER_STATUS_CODES].sort()).toEqual(codes('OrderStatus4Code'));
    expect([...REJECTED_REASON_CODES].sort()).toEqual(codes('RejectedStatusReason11Code'));
  });

  it('refuses a report without orders and a rejection without 1–10 reasons', () => {
    expect(() => buildStatusReport({ ...base, orders: [] }).xml).toThrow(RangeError);
    expect(
      () =>
        buildStatusReport({ ...base, orders: [{ orderRef: 'X', status: { kind: 'rejected', reasons: [] } }] })
          .xml,
    ).toThrow(RangeError);
  });
});
