import type { EntityManager } from 'typeorm';
import type { TradeReceived } from '@contingency/contracts';
import type {
  BatchLedger,
  FundMaster,
  OutboxWriter,
  TradeLedger,
  ValidationRecord,
} from '@contingency/ledger';
import { PermanentError } from '@contingency/messaging';
import { fixedClock } from './clock';
import type { FundRef } from './rules';
import { aFund, FRIDAY_MORNING, someCells } from './rules/rules.fixtures';
import { aChunkTrade, aFirstUse, aTwin, BATCH_ID } from './validation.fixtures';
import type { ChunkTrade, FirstUse, EconomicTwin } from './validation.lookups';
import { ValidationService } from './validation.service';

const tx = {} as EntityManager;

interface Ledger {
  trades: ChunkTrade[];
  firstUses?: FirstUse[];
  twins?: EconomicTwin[];
  funds?: FundRef[];
  now?: Date;
}

function setup({ trades, firstUses = [], twins = [], funds = [aFund()], now = FRIDAY_MORNING }: Ledger) {
  const mocks = {
    funds: {
      find: jest.fn((_tx: unknown, isin: string) =>
        Promise.resolve(funds.find((f) => f.isin === isin) ?? null),
      ),
    },
    trades: {
      recordValidation: jest.fn(
        (_tx: unknown, _records: ValidationRecord[], _actor: string): Promise<object[]> =>
          Promise.resolve([]),
      ),
    },
    batches: {
      completeValidationIfDone: jest.fn((_tx: unknown, _batchId: string): Promise<object | null> =>
        Promise.resolve(null),
      ),
    },
    outbox: { enqueue: jest.fn(() => Promise.resolve([])) },
    lookups: {
      lockChunk: jest.fn((_tx: unknown, ids: readonly string[]) =>
        Promise.resolve(new Map(trades.filter((t) => ids.includes(t.id)).map((t) => [t.id, t]))),
      ),
      findFirstUses: jest.fn(() => Promise.resolve(firstUses)),
      findEconomicTwins: jest.fn(() => Promise.resolve(twins)),
    },
  };
  const sut = new ValidationService(
    mocks.funds as unknown as FundMaster,
    mocks.trades as unknown as TradeLedger,
    mocks.batches as unknown as BatchLedger,
    mocks.outbox as unknown as OutboxWriter,
    mocks.lookups,
    fixedClock(now),
  );
  return { sut, mocks };
}

const receivedOf = (t: ChunkTrade): TradeReceived => ({
  tradeId: t.id,
  batchId: t.batchId,
  row: t.row,
  cells: t.cells,
});

describe(ValidationService.name, () => {
  it('records a clean row as VALID on the fund primary route, with its normalised fields', async () => {
    const trade = aChunkTrade({ cells: someCells({ fundIsin: ' ie00b4l5y983 ', amount: '001000.50' }) });
    const { sut, mocks } = setup({ trades: [trade] });

    const outcome = await sut.validate(tx, receivedOf(trade));

    expect(outcome.decisions).toEqual([expect.objectContaining({ status: 'VALID', route: 'CASIE' })]);
    expect(mocks.trades.recordValidation).toHaveBeenCalledWith(
      tx,
      [
        {
          id: trade.id,
          expectedVersion: 1,
          to: 'VALID',
          reason: undefined,
          set: expect.objectContaining({
            fundIsin: 'IE00B4L5Y983',
            amount: '1000.5',
            currency: 'EUR',
            route: 'CASIE',
            possibleDuplicate: false,
            errors: [],
          }),
        },
      ],
      'validation-service',
    );
    expect(mocks.outbox.enqueue).toHaveBeenCalledWith(tx, [
      {
        topic: 'trades.validated.v1',
        key: 'ACC-42',
        payload: {
          tradeId: trade.id,
          batchId: BATCH_ID,
          status: 'VALID',
          route: 'CASIE',
          errors: [],
          possibleDuplicate: false,
        },
      },
    ]);
    expect(mocks.batches.completeValidationIfDone).toHaveBeenCalledWith(tx, BATCH_ID);
  });

  it('records every problem of a row at once, in column order', async () => {
    const trade = aChunkTrade({
      row: 4,
      cells: someCells({
        orderType: 'BUY',
        amount: '1,000',
        tradeDate: '2026-03-28',
        comment: 'x'.repeat(141),
      }),
    });
    const { sut, mocks } = setup({ trades: [trade] });

    await sut.validate(tx, receivedOf(trade));

    const [[, [record]]] = mocks.trades.recordValidation.mock.calls;
    const errors = record.set.errors ?? [];
    expect(errors.map((e) => e.code)).toEqual([
      'ORDER_TYPE_INVALID',
      'AMOUNT_FORMAT',
      'TRADE_DATE_WEEKEND',
      'COMMENT_TOO_LONG',
    ]);
    expect(record).toEqual({
      id: trade.id,
      expectedVersion: 1,
      to: 'INVALID',
      reason: 'ORDER_TYPE_INVALID, AMOUNT_FORMAT, TRADE_DATE_WEEKEND, COMMENT_TOO_LONG',
      set: { errors },
    });
    expect(mocks.outbox.enqueue).toHaveBeenCalledWith(tx, [
      expect.objectContaining({
        payload: expect.objectContaining({
          status: 'INVALID',
          route: null,
          errors,
          possibleDuplicate: false,
        }),
      }),
    ]);
  });

  it('judges "today" and the cut-off by the injected clock, in the fund time zone', async () => {
    const trade = aChunkTrade({ cells: someCells({ tradeDate: '2026-03-27' }) });
    const beforeCutoff = setup({ trades: [trade], now: new Date('2026-03-27T11:59:00Z') });
    const afterCutoff = setup({ trades: [trade], now: new Date('2026-03-27T12:00:00Z') });

    const before = await beforeCutoff.sut.validate(tx, receivedOf(trade));
    const after = await afterCutoff.sut.validate(tx, receivedOf(trade));

    expect(before.decisions[0].status).toBe('VALID');
    expect(after.decisions[0]).toMatchObject({
      status: 'INVALID',
      errors: [expect.objectContaining({ code: 'TRADE_DATE_AFTER_CUTOFF' })],
    });
  });

  it('leaves a trade that is no longer RECEIVED alone, but still checks its batch', async () => {
    const trade = aChunkTrade({ status: 'VALID' });
    const { sut, mocks } = setup({ trades: [trade] });

    const outcome = await sut.validate(tx, receivedOf(trade));

    expect(outcome).toEqual({ decisions: [], skipped: [trade.id], completedBatches: [] });
    expect(mocks.trades.recordValidation).toHaveBeenCalledWith(tx, [], 'validation-service');
    expect(mocks.outbox.enqueue).toHaveBeenCalledWith(tx, []);
    expect(mocks.batches.completeValidationIfDone).toHaveBeenCalledWith(tx, BATCH_ID);
  });

  it('refuses a message for a trade the ledger does not have (dead-lettered, not retried)', async () => {
    const { sut } = setup({ trades: [] });

    await expect(sut.validate(tx, receivedOf(aChunkTrade()))).rejects.toMatchObject({
      constructor: PermanentError,
      code: 'TRADE_NOT_FOUND',
    });
  });

  it('marks a repeated client_ref of the same file invalid, naming the first row', async () => {
    const trade = aChunkTrade({ row: 9, cells: someCells({ amount: 'abc' }) });
    const firstUses = [aFirstUse({ relation: 'same-batch', row: 3 })];
    const { sut } = setup({ trades: [trade], firstUses });

    const { decisions } = await sut.validate(tx, receivedOf(trade));

    expect(decisions[0]).toMatchObject({
      status: 'INVALID',
      errors: [
        expect.objectContaining({
          row: 9,
          code: 'CLIENT_REF_DUPLICATE_IN_FILE',
          message: expect.stringContaining('row 3'),
        }),
        expect.objectContaining({ code: 'AMOUNT_FORMAT' }),
      ],
    });
  });

  describe('a client_ref used in an earlier batch', () => {
    const decide = async (use: Partial<FirstUse>) => {
      const trade = aChunkTrade();
      const { sut } = setup({ trades: [trade], firstUses: [aFirstUse(use)] });
      return (await sut.validate(tx, receivedOf(trade))).decisions[0];
    };

    it('makes the row invalid while that trade stands', async () => {
      expect(await decide({ status: 'RELEASED', batchStatus: 'RELEASED' })).toMatchObject({
        status: 'INVALID',
        errors: [expect.objectContaining({ code: 'CLIENT_REF_ALREADY_USED' })],
      });
    });

    it('is free again when that batch was rejected or that trade was invalid', async () => {
      expect((await decide({ batchStatus: 'REJECTED' })).status).toBe('VALID');
      expect((await decide({ status: 'INVALID' })).status).toBe('VALID');
    });

    it('still being validated counts when that row will be valid', async () => {
      const received = { status: 'RECEIVED', batchStatus: 'VALIDATING' } as const;
      expect((await decide(received)).status).toBe('INVALID');
      expect((await decide({ ...received, cells: someCells({ amount: '' }) })).status).toBe('VALID');
    });
  });

  it('flags a possible duplicate of a live ledger trade, with a note for the approver', async () => {
    const trade = aChunkTrade({ row: 2 });
    const { sut, mocks } = setup({ trades: [trade], twins: [aTwin({ probeId: trade.id })] });

    await sut.validate(tx, receivedOf(trade));

    expect(mocks.lookups.findEconomicTwins).toHaveBeenCalledWith(tx, [
      { tradeId: trade.id, trade: expect.objectContaining({ amount: '1000.5', clientRef: 'ORD-0001' }) },
    ]);
    const note = expect.objectContaining({ row: 2, column: 'client_ref', code: 'POSSIBLE_DUPLICATE' });
    expect(mocks.trades.recordValidation).toHaveBeenCalledWith(
      tx,
      [
        expect.objectContaining({
          id: trade.id,
          to: 'VALID',
          reason: 'POSSIBLE_DUPLICATE',
          set: expect.objectContaining({ possibleDuplicate: true, errors: [note] }),
        }),
      ],
      'validation-service',
    );
    expect(mocks.outbox.enqueue).toHaveBeenCalledWith(tx, [
      expect.objectContaining({
        payload: expect.objectContaining({ status: 'VALID', possibleDuplicate: true, errors: [note] }),
      }),
    ]);
  });

  it('judges a chunk as one by one: a later row matching an earlier row of the chunk is flagged', async () => {
    const first = aChunkTrade({ row: 1, cells: someCells({ clientRef: 'A' }) });
    const second = aChunkTrade({ row: 2, cells: someCells({ clientRef: 'B', amount: '1000.500' }) });
    const other = aChunkTrade({ row: 3, cells: someCells({ clientRef: 'C', amount: '7' }) });
    const { sut } = setup({ trades: [first, second, other] });

    const { decisions } = await sut.validateChunk(tx, [first, second, other].map(receivedOf));

    expect(decisions.map((d) => d.status === 'VALID' && d.possibleDuplicate)).toEqual([false, true, false]);
  });

  it('does not probe rows that are already invalid for possible duplicates', async () => {
    const bad = aChunkTrade({ cells: someCells({ amount: '' }) });
    const { sut, mocks } = setup({ trades: [bad] });

    await sut.validate(tx, receivedOf(bad));

    expect(mocks.lookups.findEconomicTwins).toHaveBeenCalledWith(tx, []);
  });

  it('reads each fund once, records the chunk at once and completes each batch once, in id order', async () => {
    const otherBatch = '00000000-0000-4000-8000-00000000a001';
    const trades = [
      aChunkTrade({ row: 1, cells: someCells({ clientRef: 'A' }) }),
      aChunkTrade({ row: 2, cells: someCells({ clientRef: 'B', fundIsin: 'ie00b4l5y983' }) }),
      aChunkTrade({ row: 1, batchId: otherBatch, cells: someCells({ clientRef: 'C' }) }),
      aChunkTrade({ row: 3, cells: someCells({ clientRef: 'D', fundIsin: 'NOT-AN-ISIN' }) }),
    ];
    const { sut, mocks } = setup({ trades });
    mocks.batches.completeValidationIfDone.mockImplementation((_tx: unknown, id: string) =>
      Promise.resolve(id === BATCH_ID ? {} : null),
    );

    const outcome = await sut.validateChunk(tx, trades.map(receivedOf));

    expect(mocks.funds.find).toHaveBeenCalledTimes(1);
    expect(mocks.lookups.lockChunk).toHaveBeenCalledTimes(1);
    expect(mocks.lookups.findFirstUses).toHaveBeenCalledTimes(1);
    expect(mocks.trades.recordValidation).toHaveBeenCalledTimes(1);
    expect(mocks.trades.recordValidation.mock.calls[0][1].map((r) => r.id)).toEqual(trades.map((t) => t.id));
    expect(mocks.outbox.enqueue).toHaveBeenCalledTimes(1);
    expect(mocks.batches.completeValidationIfDone.mock.calls.map(([, id]) => id)).toEqual([
      otherBatch,
      BATCH_ID,
    ]);
    expect(outcome.completedBatches).toEqual([BATCH_ID]);
  });

  it('fails the whole chunk when the ledger refuses a transition (the messaging layer retries one by one)', async () => {
    const trades = [
      aChunkTrade({ row: 1 }),
      aChunkTrade({ row: 2, cells: someCells({ clientRef: 'B', amount: '2' }) }),
    ];
    const { sut, mocks } = setup({ trades });
    mocks.trades.recordValidation.mockRejectedValueOnce(new Error('version moved'));

    await expect(sut.validateChunk(tx, trades.map(receivedOf))).rejects.toThrow('version moved');
    expect(mocks.outbox.enqueue).not.toHaveBeenCalled();
    expect(mocks.batches.completeValidationIfDone).not.toHaveBeenCalled();
  });

  it('decides a trade named twice in a chunk once', async () => {
    const trade = aChunkTrade();
    const { sut, mocks } = setup({ trades: [trade] });

    await sut.validateChunk(tx, [receivedOf(trade), receivedOf(trade)]);

    expect(mocks.trades.recordValidation).toHaveBeenCalledTimes(1);
    expect(mocks.trades.recordValidation.mock.calls[0][1]).toHaveLength(1);
  });
});
