import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@contingency/testing';
import { fixedClock } from './clock';
import { type TradeCells, VALIDATION_CODES } from './rules';
import {
  anAccount,
  batchStatus,
  codesOf,
  FUNDS,
  ledger,
  seedFunds,
  serviceAt,
  storedTrades,
  uploadBatch,
  type UploadedBatch,
} from './validation.int-fixtures';
import { ValidationService } from './validation.service';

// Every code of trade file v1 through the service on the real ledger: cells → the exact codes recorded.
const ROW_CASES: Array<[string, Partial<TradeCells>, string[]]> = [
  ['a clean row', {}, []],
  ['CLIENT_REF_REQUIRED', { clientRef: '' }, ['CLIENT_REF_REQUIRED']],
  ['CLIENT_REF_TOO_LONG', { clientRef: 'R'.repeat(36) }, ['CLIENT_REF_TOO_LONG']],
  ['CLIENT_REF_INVALID_CHARACTERS', { clientRef: 'ORD\t1' }, ['CLIENT_REF_INVALID_CHARACTERS']],
  ['ORDER_TYPE_REQUIRED', { orderType: '' }, ['ORDER_TYPE_REQUIRED']],
  ['ORDER_TYPE_INVALID', { orderType: 'BUY' }, ['ORDER_TYPE_INVALID']],
  ['FUND_ISIN_REQUIRED', { fundIsin: '' }, ['FUND_ISIN_REQUIRED']],
  ['FUND_ISIN_FORMAT', { fundIsin: 'IE00B4L5Y98' }, ['FUND_ISIN_FORMAT']],
  ['FUND_ISIN_CHECK_DIGIT', { fundIsin: 'IE00B4L5Y984' }, ['FUND_ISIN_CHECK_DIGIT']],
  ['FUND_NOT_FOUND', { fundIsin: FUNDS.unknownIsin }, ['FUND_NOT_FOUND']],
  ['FUND_CLOSED', { fundIsin: FUNDS.closed.isin }, ['FUND_CLOSED']],
  ['FUND_REFERENCE_INVALID', { fundIsin: FUNDS.broken.isin }, ['FUND_REFERENCE_INVALID']],
  ['ACCOUNT_ID_REQUIRED', { accountId: '' }, ['ACCOUNT_ID_REQUIRED']],
  ['ACCOUNT_ID_TOO_LONG', { accountId: 'A'.repeat(36) }, ['ACCOUNT_ID_TOO_LONG']],
  ['ACCOUNT_ID_INVALID_CHARACTERS', { accountId: 'ACC\n1' }, ['ACCOUNT_ID_INVALID_CHARACTERS']],
  ['AMOUNT_OR_UNITS_REQUIRED', { amount: '' }, ['AMOUNT_OR_UNITS_REQUIRED']],
  ['AMOUNT_AND_UNITS', { units: '10' }, ['AMOUNT_AND_UNITS']],
  ['AMOUNT_FORMAT', { amount: '1,000.00' }, ['AMOUNT_FORMAT']],
  ['AMOUNT_NOT_POSITIVE', { amount: '0' }, ['AMOUNT_NOT_POSITIVE']],
  ['AMOUNT_TOO_MANY_DECIMALS', { amount: '1000.555' }, ['AMOUNT_TOO_MANY_DECIMALS']],
  ['AMOUNT_TOO_LARGE', { amount: '1234567890123456789' }, ['AMOUNT_TOO_LARGE']],
  ['CURRENCY_REQUIRED', { currency: '' }, ['CURRENCY_REQUIRED']],
  ['CURRENCY_UNKNOWN', { currency: 'EURO' }, ['CURRENCY_UNKNOWN']],
  ['CURRENCY_MISMATCH', { currency: 'USD' }, ['CURRENCY_MISMATCH']],
  ['UNITS_FORMAT', { amount: '', currency: '', units: '1e3' }, ['UNITS_FORMAT']],
  ['UNITS_NOT_POSITIVE', { amount: '', currency: '', units: '-5' }, ['UNITS_NOT_POSITIVE']],
  ['UNITS_TOO_MANY_DECIMALS', { amount: '', currency: '', units: '1.1234567' }, ['UNITS_TOO_MANY_DECIMALS']],
  ['UNITS_TOO_LARGE', { amount: '', currency: '', units: '1234567890123456789' }, ['UNITS_TOO_LARGE']],
  ['TRADE_DATE_REQUIRED', { tradeDate: '' }, ['TRADE_DATE_REQUIRED']],
  ['TRADE_DATE_FORMAT', { tradeDate: '30/03/2026' }, ['TRADE_DATE_FORMAT']],
  ['TRADE_DATE_INVALID', { tradeDate: '2026-02-30' }, ['TRADE_DATE_INVALID']],
  ['TRADE_DATE_WEEKEND', { tradeDate: '2026-03-28' }, ['TRADE_DATE_WEEKEND']],
  ['TRADE_DATE_IN_PAST', { tradeDate: '2026-03-26' }, ['TRADE_DATE_IN_PAST']],
  [
    'TRADE_DATE_AFTER_CUTOFF',
    { fundIsin: FUNDS.calastone.isin, currency: 'USD', tradeDate: '2026-03-27' },
    ['TRADE_DATE_AFTER_CUTOFF'],
  ],
  ['SETTLEMENT_DATE_FORMAT', { settlementDate: '01/04/2026' }, ['SETTLEMENT_DATE_FORMAT']],
  ['SETTLEMENT_DATE_INVALID', { settlementDate: '2026-04-31' }, ['SETTLEMENT_DATE_INVALID']],
  [
    'SETTLEMENT_DATE_BEFORE_TRADE_DATE',
    { settlementDate: '2026-03-27' },
    ['SETTLEMENT_DATE_BEFORE_TRADE_DATE'],
  ],
  ['COMMENT_TOO_LONG', { comment: 'x'.repeat(141) }, ['COMMENT_TOO_LONG']],
  ['COMMENT_INVALID_CHARACTERS', { comment: 'bell\u0007' }, ['COMMENT_INVALID_CHARACTERS']],
  [
    'all problems of a row together, in column order',
    { orderType: 'BUY', amount: '-1', tradeDate: '2026-03-28', comment: 'x'.repeat(150) },
    ['ORDER_TYPE_INVALID', 'AMOUNT_NOT_POSITIVE', 'TRADE_DATE_WEEKEND', 'COMMENT_TOO_LONG'],
  ],
];
// Those need other rows or batches: tested below.
const DUPLICATE_CODES = ['CLIENT_REF_DUPLICATE_IN_FILE', 'CLIENT_REF_ALREADY_USED', 'POSSIBLE_DUPLICATE'];

describe(ValidationService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const sut = serviceAt();

  beforeAll(async () => {
    db = await createTestDatabase('validation');
    ds = db.dataSource;
    await seedFunds(ds);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const validateAll = (batch: UploadedBatch) => ds.transaction((tx) => sut.validateChunk(tx, batch.received));
  const validateRow = (batch: UploadedBatch, row: number) =>
    ds.transaction((tx) => sut.validate(tx, batch.received[row - 1]));

  describe('row rules', () => {
    let stored: Awaited<ReturnType<typeof storedTrades>>;

    beforeAll(async () => {
      const account = anAccount();
      const batch = await uploadBatch(
        ds,
        ROW_CASES.map(([, cells]) => ({ accountId: account, ...cells })),
      );
      await validateAll(batch);
      stored = await storedTrades(ds, batch.batchId);
    });

    it.each(ROW_CASES.map(([label, , codes], i) => [label, i, codes] as const))(
      '%s',
      (_label, index, codes) => {
        expect({ status: stored[index].status, codes: codesOf(stored[index]) }).toEqual({
          status: codes.length === 0 ? 'VALID' : 'INVALID',
          codes,
        });
        for (const error of stored[index].errors) {
          expect(error).toEqual({
            row: index + 1,
            column: VALIDATION_CODES[error.code as keyof typeof VALIDATION_CODES].column,
            code: error.code,
            message: expect.any(String),
          });
        }
      },
    );

    it('cover every code of trade file v1', () => {
      const covered = new Set([...ROW_CASES.flatMap(([, , codes]) => codes), ...DUPLICATE_CODES]);
      expect([...covered].sort()).toEqual(Object.keys(VALIDATION_CODES).sort());
    });
  });

  it('records the route of the fund, the normalised fields, and a trades.validated.v1 message', async () => {
    const batch = await uploadBatch(ds, [
      { accountId: anAccount(), fundIsin: ' fr0000131104 ', currency: 'usd', amount: '0250.50' },
    ]);

    await validateAll(batch);

    const [trade] = await ds.query<Array<Record<string, unknown>>>(
      `SELECT status, route, fund_isin, amount::text AS amount, currency, trade_date::text AS trade_date
         FROM trades WHERE batch_id = $1`,
      [batch.batchId],
    );
    expect(trade).toEqual({
      status: 'VALID',
      route: 'CALASTONE',
      fund_isin: 'FR0000131104',
      amount: '250.50000000',
      currency: 'USD',
      trade_date: '2026-03-30',
    });
    const messages = await ds.query<Array<{ topic: string; payload: Record<string, unknown> }>>(
      `SELECT topic, payload FROM outbox WHERE payload->>'tradeId' = $1 ORDER BY id`,
      [batch.received[0].tradeId],
    );
    expect(messages.map((m) => m.topic)).toEqual(['trades.status.v1', 'trades.validated.v1']);
    expect(messages[1].payload).toEqual({
      tradeId: batch.received[0].tradeId,
      batchId: batch.batchId,
      status: 'VALID',
      route: 'CALASTONE',
      errors: [],
      possibleDuplicate: false,
    });
  });

  describe('a client_ref repeated in the same file', () => {
    it('is invalid after its first row, whichever row is decided first', async () => {
      const account = anAccount();
      const rows = [
        { accountId: account, clientRef: 'SAME' },
        { accountId: account, clientRef: 'OTHER', amount: '1' },
        { accountId: ` ${account} `, clientRef: ' SAME ', amount: '2' },
        { accountId: account, clientRef: 'SAME', amount: 'abc' },
      ];
      const forwards = await uploadBatch(ds, rows);
      // The same file for another account, so that the two do not see each other.
      const otherAccount = anAccount();
      const backwards = await uploadBatch(
        ds,
        rows.map((r) => ({ ...r, accountId: r.accountId.replace(account, otherAccount) })),
      );

      await validateAll(forwards);
      for (const row of [4, 3, 2, 1]) await validateRow(backwards, row);

      for (const batch of [forwards, backwards]) {
        const stored = await storedTrades(ds, batch.batchId);
        expect(stored.map((t) => [t.status, codesOf(t)])).toEqual([
          ['VALID', []],
          ['VALID', []],
          ['INVALID', ['CLIENT_REF_DUPLICATE_IN_FILE']],
          ['INVALID', ['CLIENT_REF_DUPLICATE_IN_FILE', 'AMOUNT_FORMAT']],
        ]);
        expect(stored[2].errors[0].message).toContain('row 1');
      }
    });
  });

  it('handles a file that repeats one client_ref on every row', async () => {
    const account = anAccount();
    const batch = await uploadBatch(
      ds,
      Array.from({ length: 500 }, (_, i) => ({ accountId: account, clientRef: 'TBC', amount: `${i + 1}` })),
    );

    for (let i = 0; i < 500; i += 100) {
      await ds.transaction((tx) => sut.validateChunk(tx, batch.received.slice(i, i + 100).reverse()));
    }

    const stored = await storedTrades(ds, batch.batchId);
    expect(stored[0]).toMatchObject({ status: 'VALID', errors: [] });
    expect(new Set(stored.slice(1).map((t) => `${t.status} ${codesOf(t).join()}`))).toEqual(
      new Set(['INVALID CLIENT_REF_DUPLICATE_IN_FILE']),
    );
    expect(await batchStatus(ds, batch.batchId)).toBe('AWAITING_APPROVAL');
  });

  describe('a client_ref used by an earlier batch', () => {
    it('is invalid while the earlier trade stands', async () => {
      const account = anAccount();
      const first = await uploadBatch(ds, [{ accountId: account, clientRef: 'X-1' }]);
      const later = await uploadBatch(ds, [{ accountId: account, clientRef: 'X-1', amount: '5' }]);

      await validateAll(first);
      await validateAll(later);

      expect((await storedTrades(ds, first.batchId))[0].status).toBe('VALID');
      const [trade] = await storedTrades(ds, later.batchId);
      expect(codesOf(trade)).toEqual(['CLIENT_REF_ALREADY_USED']);
    });

    it('is decided the same while the earlier batch is still being validated, and never by a later batch', async () => {
      const account = anAccount();
      const first = await uploadBatch(ds, [{ accountId: account, clientRef: 'X-2' }]);
      const later = await uploadBatch(ds, [{ accountId: account, clientRef: 'X-2', amount: '5' }]);

      await validateAll(later);
      await validateAll(first);

      expect((await storedTrades(ds, later.batchId))[0].errors[0].code).toBe('CLIENT_REF_ALREADY_USED');
      expect((await storedTrades(ds, first.batchId))[0].status).toBe('VALID');
    });

    it('is free again when the earlier batch was rejected', async () => {
      const account = anAccount();
      const first = await uploadBatch(ds, [{ accountId: account, clientRef: 'X-3' }]);
      await validateAll(first);
      await ds.transaction((tx) =>
        ledger().batches.transition(tx, first.batchId, 'REJECTED', { actor: 'anna.approver' }),
      );
      const later = await uploadBatch(ds, [{ accountId: account, clientRef: 'X-3' }]);

      await validateAll(later);

      expect((await storedTrades(ds, later.batchId))[0]).toMatchObject({ status: 'VALID', errors: [] });
    });

    it('is free when the earlier trade was invalid, also while that batch is still validating', async () => {
      const account = anAccount();
      const first = await uploadBatch(ds, [
        { accountId: account, clientRef: 'X-4', amount: '' },
        { accountId: account, clientRef: 'X-5', amount: '' },
      ]);
      await validateRow(first, 1);
      const later = await uploadBatch(ds, [
        { accountId: account, clientRef: 'X-4' },
        { accountId: account, clientRef: 'X-5', amount: '7' },
      ]);

      await validateAll(later);

      expect((await storedTrades(ds, later.batchId)).map((t) => t.status)).toEqual(['VALID', 'VALID']);
    });

    it('is free when the earlier batch used it first on an invalid row (its repeat there is an in-file duplicate)', async () => {
      const account = anAccount();
      const first = await uploadBatch(ds, [
        { accountId: account, clientRef: 'X-6', amount: 'abc' },
        { accountId: account, clientRef: 'X-6' },
      ]);
      const later = await uploadBatch(ds, [{ accountId: account, clientRef: 'X-6' }]);

      await validateAll(later);
      await validateAll(first);

      expect((await storedTrades(ds, first.batchId)).map((t) => t.status)).toEqual(['INVALID', 'INVALID']);
      expect((await storedTrades(ds, later.batchId))[0]).toMatchObject({ status: 'VALID', errors: [] });
    });
  });

  describe('a possible duplicate', () => {
    it('is valid and flagged with a note when a live trade has the same economics under another client_ref', async () => {
      const account = anAccount();
      const batch = await uploadBatch(ds, [
        { accountId: account, clientRef: 'P-1', amount: '1000.50' },
        { accountId: account, clientRef: 'P-2', amount: '1000.5' },
        { accountId: account, clientRef: 'P-3', amount: '1000.51' },
        { accountId: account, clientRef: 'P-4', amount: '', currency: '', units: '10.000000' },
        { accountId: account, clientRef: 'P-5', amount: '', currency: 'EUR', units: '10' },
      ]);

      for (const row of [1, 2, 3, 4, 5]) await validateRow(batch, row);

      const stored = await storedTrades(ds, batch.batchId);
      expect(stored.map((t) => [t.status, t.possibleDuplicate, codesOf(t)])).toEqual([
        ['VALID', false, []],
        ['VALID', true, ['POSSIBLE_DUPLICATE']],
        ['VALID', false, []],
        ['VALID', false, []],
        ['VALID', true, ['POSSIBLE_DUPLICATE']],
      ]);
      expect(stored[1].errors[0]).toMatchObject({ row: 2, column: 'client_ref' });
    });

    it('is judged the same in one chunk as one by one', async () => {
      const account = anAccount();
      const rows = [
        { accountId: account, clientRef: 'Q-1' },
        { accountId: account, clientRef: 'Q-2' },
        { accountId: account, clientRef: 'Q-3', amount: '3' },
      ];
      const chunked = await uploadBatch(ds, rows);
      await validateAll(chunked);
      const other = anAccount();
      const single = await uploadBatch(
        ds,
        rows.map((r) => ({ ...r, accountId: other })),
      );
      for (const row of [1, 2, 3]) await validateRow(single, row);

      const flags = async (b: UploadedBatch) =>
        (await storedTrades(ds, b.batchId)).map((t) => t.possibleDuplicate);
      expect(await flags(chunked)).toEqual([false, true, false]);
      expect(await flags(single)).toEqual([false, true, false]);
    });

    it('counts trades of earlier batches unless that batch was rejected', async () => {
      const account = anAccount();
      const live = await uploadBatch(ds, [{ accountId: account, clientRef: 'L-1', amount: '42' }]);
      const rejected = await uploadBatch(ds, [{ accountId: account, clientRef: 'L-2', amount: '43' }]);
      await validateAll(live);
      await validateAll(rejected);
      await ds.transaction((tx) =>
        ledger().batches.transition(tx, rejected.batchId, 'REJECTED', { actor: 'anna.approver' }),
      );
      const later = await uploadBatch(ds, [
        { accountId: account, clientRef: 'L-3', amount: '42.00' },
        { accountId: account, clientRef: 'L-4', amount: '43' },
      ]);

      await validateAll(later);

      expect((await storedTrades(ds, later.batchId)).map((t) => t.possibleDuplicate)).toEqual([true, false]);
    });
  });

  describe('the batch', () => {
    it('awaits approval exactly when its last row is decided', async () => {
      const account = anAccount();
      const batch = await uploadBatch(ds, [
        { accountId: account },
        { accountId: account, amount: '2' },
        { accountId: account, amount: 'bad' },
      ]);

      const outcomes = [];
      for (const row of [3, 1]) {
        outcomes.push(await validateRow(batch, row));
        expect(await batchStatus(ds, batch.batchId)).toBe('VALIDATING');
      }
      outcomes.push(await validateRow(batch, 2));

      expect(await batchStatus(ds, batch.batchId)).toBe('AWAITING_APPROVAL');
      expect(outcomes.map((o) => o.completedBatches)).toEqual([[], [], [batch.batchId]]);
    });

    it('is completed once for a chunk that decides all its rows', async () => {
      const account = anAccount();
      const batch = await uploadBatch(ds, [{ accountId: account }, { accountId: account, amount: '2' }]);

      const outcome = await validateAll(batch);

      expect(outcome.completedBatches).toEqual([batch.batchId]);
      expect(await batchStatus(ds, batch.batchId)).toBe('AWAITING_APPROVAL');
    });
  });

  it('changes nothing for a trade that is no longer RECEIVED (a redelivery)', async () => {
    const batch = await uploadBatch(ds, [{ accountId: anAccount() }]);
    await validateAll(batch);
    const count = async () => {
      const [row] = await ds.query<Array<{ history: number; outbox: number }>>(
        `SELECT (SELECT count(*)::int FROM trade_history WHERE trade_id = $1) AS history,
                (SELECT count(*)::int FROM outbox WHERE payload->>'tradeId' = $1::text) AS outbox`,
        [batch.received[0].tradeId],
      );
      return row;
    };
    const before = { trades: await storedTrades(ds, batch.batchId), ...(await count()) };

    const outcome = await validateAll(batch);

    expect(outcome).toEqual({ decisions: [], skipped: [batch.received[0].tradeId], completedBatches: [] });
    expect({ trades: await storedTrades(ds, batch.batchId), ...(await count()) }).toEqual(before);
  });

  it('judges today and the cut-off by its clock', async () => {
    const batch = await uploadBatch(ds, [{ accountId: anAccount(), tradeDate: '2026-03-27' }]);
    const lateSut = serviceAt(fixedClock(new Date('2026-03-27T12:00:00Z')));

    await ds.transaction((tx) => lateSut.validateChunk(tx, batch.received));

    expect(codesOf((await storedTrades(ds, batch.batchId))[0])).toEqual(['TRADE_DATE_AFTER_CUTOFF']);
  });
});
