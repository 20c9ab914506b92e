import { TRADE_STATUSES } from '@contingency/contracts';
import { toCsvLine } from '@contingency/trade-file';
import {
  HANDBACK_CSV_HEADER,
  handbackCsvCells,
  HandbackRow,
  type HandbackRecord,
  toHandbackRow,
} from './handback.row';
import { FINALITY } from './trade-finality';

function record(overrides: Partial<HandbackRecord> = {}): HandbackRecord {
  return {
    tradeId: '0b7d4c1e-3f5a-4b8e-9c2d-1a2b3c4d5e6f',
    batchId: '5f0c2a8e-1d3b-4c7a-9e6f-2b1a0c9d8e7f',
    row: 3,
    clientRef: 'REF-1',
    orderType: 'SUBSCRIPTION',
    fundIsin: 'IE00B4L5Y983',
    accountId: 'ACC-1',
    amount: '1000.50000000',
    currency: 'EUR',
    units: null,
    tradeDate: '2026-12-07',
    settlementDate: null,
    status: 'CONFIRMED',
    route: 'CASIE',
    orderRef: 'MC0B7D4C1E3F5A4B8E9C2D1A2B3C4D5E6F',
    externalRefs: { casieOrderId: 'CASIE-9', taReference: 'TA-77' },
    uploadedBy: 'olivia.operator',
    approvedBy: 'adam.approver',
    uploadedAt: '2026-12-04T09:00:00.000Z',
    updatedAt: '2026-12-04T17:00:00.000Z',
    releasedAt: '2026-12-04T09:10:00.000Z',
    statusAt: '2026-12-04T17:00:00.000Z',
    statusReason: null,
    failedOver: false,
    confirmation: {
      units: '99.12340000',
      price: '10.0910',
      settlementAmount: '1000.50',
      taReference: 'TA-77',
    },
    historyRefs: {},
    ...overrides,
  };
}

describe(toHandbackRow.name, () => {
  it('gives a confirmed trade its confirmation, references and times, decimals without scale padding', () => {
    expect(toHandbackRow(record())).toEqual({
      tradeId: '0b7d4c1e-3f5a-4b8e-9c2d-1a2b3c4d5e6f',
      batchId: '5f0c2a8e-1d3b-4c7a-9e6f-2b1a0c9d8e7f',
      row: 3,
      clientRef: 'REF-1',
      orderType: 'SUBSCRIPTION',
      fundIsin: 'IE00B4L5Y983',
      accountId: 'ACC-1',
      amount: '1000.5',
      currency: 'EUR',
      units: null,
      tradeDate: '2026-12-07',
      settlementDate: null,
      status: 'CONFIRMED',
      final: true,
      awaiting: null,
      route: 'CASIE',
      failedOver: false,
      orderRef: 'MC0B7D4C1E3F5A4B8E9C2D1A2B3C4D5E6F',
      casieOrderId: 'CASIE-9',
      taReference: 'TA-77',
      calastoneMessageId: null,
      externalRefs: { casieOrderId: 'CASIE-9', taReference: 'TA-77' },
      confirmedUnits: '99.1234',
      confirmedPrice: '10.091',
      confirmedPriceCurrency: null,
      confirmedSettlementAmount: '1000.5',
      confirmedSettlementCurrency: null,
      confirmation: {
        units: '99.12340000',
        price: '10.0910',
        settlementAmount: '1000.50',
        taReference: 'TA-77',
      },
      nackReason: null,
      statusReason: null,
      uploadedBy: 'olivia.operator',
      approvedBy: 'adam.approver',
      uploadedAt: '2026-12-04T09:00:00.000Z',
      releasedAt: '2026-12-04T09:10:00.000Z',
      finalStateAt: '2026-12-04T17:00:00.000Z',
      updatedAt: '2026-12-04T17:00:00.000Z',
    });
  });

  it('reads the executed figures at the top of the confirmation or under execution, with their currencies', () => {
    const feed = toHandbackRow(
      record({ confirmation: { units: '5', price: '2.5', settlementAmount: '12.5', currency: 'EUR' } }),
    );
    expect(feed).toMatchObject({ confirmedPriceCurrency: 'EUR', confirmedSettlementCurrency: 'EUR' });
    const setr = toHandbackRow(
      record({
        confirmation: {
          dealRef: 'DEAL-1',
          execution: {
            units: '2481.71',
            price: '100.737',
            priceCurrency: 'EUR',
            settlementAmount: '250000.00',
            settlementCurrency: 'EUR',
            partiallyExecuted: false,
          },
        },
      }),
    );
    expect(setr).toMatchObject({
      confirmedUnits: '2481.71',
      confirmedPrice: '100.737',
      confirmedPriceCurrency: 'EUR',
      confirmedSettlementAmount: '250000',
      confirmedSettlementCurrency: 'EUR',
      confirmation: { dealRef: 'DEAL-1', execution: expect.objectContaining({ partiallyExecuted: false }) },
    });
  });

  it('takes a reference from the history when the trade does not hold it, the trade’s own first', () => {
    const row = toHandbackRow(
      record({
        route: 'CALASTONE',
        externalRefs: { taReference: 'DEAL-1' },
        historyRefs: { taReference: 'OLDER', calastoneMessageId: 'C0B7D4C1E3F5A4B8E9C2D1A2B3C4D5E6F-2' },
      }),
    );
    expect(row).toMatchObject({
      taReference: 'DEAL-1',
      calastoneMessageId: 'C0B7D4C1E3F5A4B8E9C2D1A2B3C4D5E6F-2',
      casieOrderId: null,
    });
  });

  it('shows the NACK reason of a NACKED trade only, and no final time for a trade still moving', () => {
    const nacked = toHandbackRow(record({ status: 'NACKED', statusReason: 'CUTO: after the cut-off' }));
    expect(nacked).toMatchObject({
      final: true,
      nackReason: 'CUTO: after the cut-off',
      statusReason: 'CUTO: after the cut-off',
      confirmedUnits: null,
      confirmation: null,
      finalStateAt: '2026-12-04T17:00:00.000Z',
    });
    const stuck = toHandbackRow(record({ status: 'OUTCOME_UNKNOWN', statusReason: 'Casie timed out' }));
    expect(stuck).toMatchObject({
      final: false,
      awaiting: 'RESOLUTION',
      nackReason: null,
      statusReason: 'Casie timed out',
      confirmedPrice: null,
      finalStateAt: null,
    });
  });

  it('matches its own schema for every status', () => {
    for (const status of TRADE_STATUSES) {
      expect(HandbackRow.safeParse(toHandbackRow(record({ status }))).success).toBe(true);
    }
  });
});

describe('FINALITY', () => {
  it('calls final exactly the terminal statuses of design.md', () => {
    const final = TRADE_STATUSES.filter((s) => FINALITY[s].final);
    expect(final.sort()).toEqual(['ACKNOWLEDGED', 'CANCELLED', 'CONFIRMED', 'INVALID', 'NACKED']);
    expect(FINALITY.ACKNOWLEDGED.awaiting).toBe('CONFIRMATION');
  });
});

describe('CSV', () => {
  it('has the JSON keys in snake_case, in the same order', () => {
    expect(HANDBACK_CSV_HEADER.slice(0, 8)).toEqual([
      'trade_id',
      'batch_id',
      'row',
      'client_ref',
      'order_type',
      'fund_isin',
      'account_id',
      'amount',
    ]);
    expect(HANDBACK_CSV_HEADER).toContain('confirmed_settlement_amount');
    expect(HANDBACK_CSV_HEADER).toHaveLength(Object.keys(HandbackRow.shape).length);
  });

  it('writes null as empty, booleans as true/false, the references as JSON, formulas inert', () => {
    const row = toHandbackRow(record({ clientRef: '=HYPERLINK("http://evil","x")' }));
    const cells = handbackCsvCells(row);
    const at = (column: string) => cells[HANDBACK_CSV_HEADER.indexOf(column)];
    expect(at('units')).toBe('');
    expect(at('final')).toBe('true');
    expect(at('row')).toBe('3');
    expect(at('external_refs')).toBe('{"casieOrderId":"CASIE-9","taReference":"TA-77"}');
    expect(toCsvLine(cells)).toContain(',"\'=HYPERLINK(""http://evil"",""x"")",');
  });
});
