import { parsePayload, Topics, type TradeStatusChanged } from '@contingency/contracts';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import type { DataSource } from 'typeorm';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { ConcurrentUpdateError, IllegalTransitionError, NotFoundError } from './errors';
import { barrier, ledgers, newId, seedBatch, validFields } from './test/ledger.fixtures';
import { TradeLedger, type ValidationRecord } from './trade.ledger';

describe(TradeLedger.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const { trades } = ledgers();

  beforeAll(async () => {
    db = await createTestDatabase('trade_ledger');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  const outboxFor = (tradeId: string) =>
    ds.manager
      .find(OutboxMessageEntity, { where: { topic: Topics.tradesStatus }, order: { id: 'ASC' } })
      .then((rows) => rows.filter((r) => (r.payload as { tradeId: string }).tradeId === tradeId));

  const markValid = (tradeId: string, actor = 'validation-service') =>
    ds.transaction((tx) =>
      trades.markValid(tx, tradeId, { route: 'CASIE', possibleDuplicate: false, fields: validFields }, actor),
    );

  describe('insertReceived', () => {
    it('writes RECEIVED trades at version 1 with one RECEIVED history row each and no message', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 3);

      const stored = await trades.findByBatch(ds.manager, batchId);
      expect(stored.map((t) => [t.id, t.rowNumber, t.status, t.version])).toEqual(
        tradeIds.map((id, i) => [id, i + 1, 'RECEIVED', 1]),
      );
      expect(stored[0].clientRef).toBe(stored[0].cells.clientRef);
      const history = await trades.history(ds.manager, tradeIds[0]);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ event: 'RECEIVED', fromStatus: null, toStatus: 'RECEIVED' });
      expect(await outboxFor(tradeIds[0])).toEqual([]);
    });

    it('inserts a large file in chunks of at most 1000 rows', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 2_345);

      expect(new Set(tradeIds).size).toBe(2_345);
      expect((await trades.countByStatus(ds.manager, batchId)).RECEIVED).toBe(2_345);
      const [{ count }] = await ds.query(
        `SELECT count(*)::int AS count FROM trade_history h JOIN trades t ON t.id = h.trade_id WHERE t.batch_id = $1`,
        [batchId],
      );
      expect(count).toBe(2_345);
    });

    it('refuses to run outside a transaction', async () => {
      await expect(trades.insertReceived(ds.manager, [])).rejects.toThrow(/transaction/);
    });
  });

  describe('transition', () => {
    it('writes the status, version + 1, one history row and exactly one valid trades.status.v1 message', async () => {
      const {
        batchId,
        tradeIds: [id],
      } = await seedBatch(ds, 1);

      const updated = await markValid(id);

      expect(updated).toMatchObject({
        status: 'VALID',
        version: 2,
        route: 'CASIE',
        amount: '1000.00000000',
        tradeDate: '2026-12-04',
      });
      const stored = await trades.findById(ds.manager, id);
      expect(stored).toMatchObject({
        status: 'VALID',
        version: 2,
        orderType: 'SUBSCRIPTION',
        currency: 'EUR',
      });

      const history = await trades.history(ds.manager, id);
      expect(history.map((h) => [h.event, h.fromStatus, h.toStatus, h.actor])).toEqual([
        ['RECEIVED', null, 'RECEIVED', 'upload-gateway'],
        ['STATUS_CHANGED', 'RECEIVED', 'VALID', 'validation-service'],
      ]);

      const messages = await outboxFor(id);
      expect(messages).toHaveLength(1);
      expect(messages[0].key).toBe('ACC-1');
      expect(messages[0].headers).toMatchObject({ 'message-id': messages[0].messageId });
      const payload = parsePayload(Topics.tradesStatus, messages[0].payload);
      expect(payload).toMatchObject({
        tradeId: id,
        batchId,
        accountId: 'ACC-1',
        from: 'RECEIVED',
        to: 'VALID',
      });
      expect(payload).toMatchObject({
        route: 'CASIE',
        version: 2,
        actor: 'validation-service',
        reason: null,
      });
    });

    it('merges external references instead of replacing them', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);
      await markValid(id);
      await ds.transaction((tx) => trades.release(tx, id, `MC-${id.slice(0, 8)}`, 'alice.approver'));
      await ds.transaction((tx) =>
        trades.markDispatched(tx, id, { casieOrderId: 'CASIE-1' }, 'casie-adapter'),
      );
      const acked = await ds.transaction((tx) =>
        trades.markAcknowledged(tx, id, { taReference: 'TA-9' }, 'ack-ingestor'),
      );

      expect(acked.externalRefs).toEqual({ casieOrderId: 'CASIE-1', taReference: 'TA-9' });
      expect(acked).toMatchObject({ status: 'ACKNOWLEDGED', version: 5, orderRef: `MC-${id.slice(0, 8)}` });
      expect(await trades.findByOrderRef(ds.manager, `MC-${id.slice(0, 8)}`)).toMatchObject({ id });
      expect(await trades.findByOrderRef(ds.manager, 'MC-NOBODY')).toBeNull();
    });

    it('writes only the known columns of a patch', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);
      const wider = { ...validFields, comment: 'from the file', tradeId: id, status: 'CONFIRMED' };

      const valid = await ds.transaction((tx) =>
        trades.markValid(
          tx,
          id,
          { route: 'CALASTONE', possibleDuplicate: true, fields: wider },
          'validation-service',
        ),
      );

      expect(valid).toMatchObject({
        status: 'VALID',
        route: 'CALASTONE',
        possibleDuplicate: true,
        comment: 'from the file',
      });
    });

    it('refuses an illegal transition and changes nothing', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);
      const before = await trades.findById(ds.manager, id);

      await expect(ds.transaction((tx) => trades.markConfirmed(tx, id, {}, 'ack-ingestor'))).rejects.toThrow(
        IllegalTransitionError,
      );

      expect(await trades.findById(ds.manager, id)).toEqual(before);
      expect(await trades.history(ds.manager, id)).toHaveLength(1);
      expect(await outboxFor(id)).toEqual([]);
    });

    it('lets exactly one of two concurrent updates of the same version win', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);
      const bothRead = barrier();
      const attempt = (actor: string) =>
        ds.transaction(async (tx) => {
          const seen = await trades.findById(tx, id);
          await bothRead();
          return trades.transition(tx, id, actor === 'validator-a' ? 'VALID' : 'INVALID', {
            actor,
            expectedVersion: seen.version,
          });
        });

      const results = await Promise.allSettled([attempt('validator-a'), attempt('validator-b')]);

      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(ConcurrentUpdateError);
      const winner = (won[0] as PromiseFulfilledResult<{ status: string }>).value;
      expect(await trades.findById(ds.manager, id)).toMatchObject({ status: winner.status, version: 2 });
      expect((await trades.history(ds.manager, id)).filter((h) => h.event === 'STATUS_CHANGED')).toHaveLength(
        1,
      );
      expect(await outboxFor(id)).toHaveLength(1);
    });

    it('refuses a stale expected version before writing anything', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);
      await expect(
        ds.transaction((tx) =>
          trades.transition(tx, id, 'CANCELLED', { actor: 'olivia', expectedVersion: 7 }),
        ),
      ).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
      expect(await trades.findById(ds.manager, id)).toMatchObject({ status: 'RECEIVED', version: 1 });
    });

    it('leaves no history and no message when the caller rolls back', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);

      await expect(
        ds.transaction(async (tx) => {
          await trades.markValid(
            tx,
            id,
            { route: 'CALASTONE', possibleDuplicate: true, fields: validFields },
            'v',
          );
          throw new Error('consumer failed after the transition');
        }),
      ).rejects.toThrow('consumer failed');

      expect(await trades.findById(ds.manager, id)).toMatchObject({
        status: 'RECEIVED',
        version: 1,
        route: null,
      });
      expect(await trades.history(ds.manager, id)).toHaveLength(1);
      expect(await outboxFor(id)).toEqual([]);
    });

    it('records the errors and their codes as the reason of INVALID', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);
      const errors = [
        { row: 1, column: 'fund_isin', code: 'UNKNOWN_FUND', message: 'not in the fund master' },
      ];

      const invalid = await ds.transaction((tx) => trades.markInvalid(tx, id, errors, 'validation-service'));

      expect(invalid.errors).toEqual(errors);
      expect((await trades.history(ds.manager, id))[1]).toMatchObject({
        toStatus: 'INVALID',
        reason: 'UNKNOWN_FUND',
      });
    });

    it('throws NotFoundError for an unknown trade', async () => {
      await expect(ds.transaction((tx) => trades.cancel(tx, newId(), 'olivia'))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe('recordValidation', () => {
    const actor = 'validation-service';
    const notes = [{ row: 2, column: 'amount', code: 'POSSIBLE_DUPLICATE', message: 'same as row 1' }];
    const errors = [
      { row: 3, column: 'fund_isin', code: 'UNKNOWN_FUND', message: 'not in the fund master' },
      { row: 3, column: 'amount', code: 'AMOUNT_FORMAT', message: 'not a decimal' },
    ];
    // Verdicts of every shape: a column set by some and not by others keeps the stored value for the others.
    const verdicts = (ids: string[]): ValidationRecord[] => [
      {
        id: ids[0],
        expectedVersion: 1,
        to: 'VALID',
        set: { ...validFields, route: 'CASIE', possibleDuplicate: false, errors: [] },
      },
      {
        id: ids[1],
        expectedVersion: 1,
        to: 'VALID',
        reason: 'POSSIBLE_DUPLICATE',
        set: { ...validFields, units: '12.5', route: 'CALASTONE', possibleDuplicate: true, errors: notes },
      },
      {
        id: ids[2],
        expectedVersion: 1,
        to: 'INVALID',
        reason: 'UNKNOWN_FUND, AMOUNT_FORMAT',
        set: { errors },
      },
      {
        id: ids[3],
        expectedVersion: 1,
        to: 'INVALID',
        details: { probe: 'x' },
        set: { errors, comment: 'kept', externalRefs: { note: 'merged' } },
      },
    ];
    const statusColumns = `row_number, status, version, order_type, fund_isin, amount, currency, units,
      trade_date, settlement_date, comment, route, order_ref, external_refs, errors, possible_duplicate`;
    type Row = Record<string, unknown> & { status: string; version: number };
    const tradesOf = (batchId: string) =>
      ds.query<Row[]>(`SELECT ${statusColumns} FROM trades WHERE batch_id = $1 ORDER BY row_number`, [
        batchId,
      ]);
    const historyOf = (batchId: string) =>
      ds.query<Array<Record<string, unknown> & { event: string }>>(
        `SELECT t.row_number, h.event, h.from_status, h.to_status, h.actor, h.reason, h.details
           FROM trade_history h JOIN trades t ON t.id = h.trade_id WHERE t.batch_id = $1 ORDER BY h.id`,
        [batchId],
      );
    // The messages in outbox order, by the row they announce; `at` is the row's updated_at.
    const outboxOf = (batchId: string) =>
      ds
        .query<
          Array<{ topic: string; key: string; payload: TradeStatusChanged; row: number; updatedAt: Date }>
        >(
          `SELECT o.topic, o.key, o.payload, t.row_number AS row, t.updated_at AS "updatedAt"
             FROM outbox o JOIN trades t ON t.id::text = o.payload->>'tradeId'
            WHERE t.batch_id = $1 ORDER BY o.id`,
          [batchId],
        )
        .then((rows) =>
          rows.map(({ topic, key, row, updatedAt, payload: { tradeId: _, at, ...rest } }) => {
            expect(rest.batchId).toBe(batchId);
            expect(at).toBe(updatedAt.toISOString());
            return { row, topic, key, ...rest, batchId: undefined };
          }),
        );
    const untouched = async (batchId: string, count: number) => {
      const stored = await tradesOf(batchId);
      expect(stored.map((t) => [t.status, t.version])).toEqual(
        Array.from({ length: count }, () => ['RECEIVED', 1]),
      );
      expect((await historyOf(batchId)).map((h) => h.event)).toEqual(Array<string>(count).fill('RECEIVED'));
      expect(await outboxOf(batchId)).toEqual([]);
    };

    it('writes exactly what one transition per trade writes: rows, versions, history and messages', async () => {
      const control = await seedBatch(ds, 4);
      const bulk = await seedBatch(ds, 4);

      await ds.transaction(async (tx) => {
        for (const { id, to, ...change } of verdicts(control.tradeIds))
          await trades.transition(tx, id, to, { actor, ...change });
      });
      await ds.transaction((tx) => trades.recordValidation(tx, verdicts(bulk.tradeIds), actor));

      const stored = await tradesOf(bulk.batchId);
      expect(stored.map((t) => [t.status, t.version])).toEqual([
        ['VALID', 2],
        ['VALID', 2],
        ['INVALID', 2],
        ['INVALID', 2],
      ]);
      expect(stored).toEqual(await tradesOf(control.batchId));
      expect(stored[3]).toMatchObject({ comment: 'kept', external_refs: { note: 'merged' }, route: null });
      expect(stored[2]).toMatchObject({ comment: null, external_refs: {}, errors });
      expect(await historyOf(bulk.batchId)).toEqual(await historyOf(control.batchId));
      const messages = await outboxOf(bulk.batchId);
      expect(messages).toEqual(await outboxOf(control.batchId));
      expect(messages.map((m) => [m.topic, m.to, m.version, m.reason])).toEqual([
        [Topics.tradesStatus, 'VALID', 2, null],
        [Topics.tradesStatus, 'VALID', 2, 'POSSIBLE_DUPLICATE'],
        [Topics.tradesStatus, 'INVALID', 2, 'UNKNOWN_FUND, AMOUNT_FORMAT'],
        [Topics.tradesStatus, 'INVALID', 2, null],
      ]);
    });

    it('writes nothing of the chunk when one trade is at another version', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 4);
      const chunk = verdicts(tradeIds);
      chunk[2] = { ...chunk[2], expectedVersion: 2 };

      await expect(ds.transaction((tx) => trades.recordValidation(tx, chunk, actor))).rejects.toMatchObject({
        name: ConcurrentUpdateError.name,
        id: tradeIds[2],
        expectedVersion: 2,
      });
      await untouched(batchId, 4);
    });

    it('loses the whole chunk to a transaction that changed one of its trades after the read', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 4);
      let cancelled!: () => void;
      const cancelling = ds.transaction(async (tx) => {
        await trades.cancel(tx, tradeIds[1], 'olivia.operator');
        await new Promise<void>((resolve) => (cancelled = resolve));
      });
      await expectEventually(() => expect(cancelled).toBeDefined());

      // The bulk reads version 1 (the cancel is not committed), then its UPDATE waits for the row lock.
      const bulk = ds.transaction((tx) => trades.recordValidation(tx, verdicts(tradeIds), actor));
      await expectEventually(async () => {
        const [{ waiting }] = await ds.query<Array<{ waiting: number }>>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE trades t SET%'`,
        );
        expect(waiting).toBe(1);
      });
      cancelled();
      await cancelling;

      await expect(bulk).rejects.toMatchObject({ name: ConcurrentUpdateError.name, id: tradeIds[1] });
      const stored = await tradesOf(batchId);
      expect(stored.map((t) => [t.status, t.version])).toEqual([
        ['RECEIVED', 1],
        ['CANCELLED', 2],
        ['RECEIVED', 1],
        ['RECEIVED', 1],
      ]);
      expect((await outboxOf(batchId)).map((m) => m.to)).toEqual(['CANCELLED']);
    });

    it('writes nothing of the chunk when one move is illegal', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 3);
      await ds.transaction((tx) => trades.cancel(tx, tradeIds[1], 'olivia.operator'));
      const chunk = verdicts(tradeIds).slice(0, 3);
      chunk[1] = { ...chunk[1], expectedVersion: 2 };

      await expect(ds.transaction((tx) => trades.recordValidation(tx, chunk, actor))).rejects.toMatchObject({
        name: IllegalTransitionError.name,
        id: tradeIds[1],
        from: 'CANCELLED',
        to: 'VALID',
      });
      const stored = await tradesOf(batchId);
      expect(stored.map((t) => [t.status, t.version])).toEqual([
        ['RECEIVED', 1],
        ['CANCELLED', 2],
        ['RECEIVED', 1],
      ]);
      expect((await outboxOf(batchId)).map((m) => m.to)).toEqual(['CANCELLED']);
    });

    it('throws NotFoundError for an unknown trade and refuses a trade named twice', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 2);
      const [first, second] = verdicts(tradeIds);

      await expect(
        ds.transaction((tx) => trades.recordValidation(tx, [first, { ...second, id: newId() }], actor)),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        ds.transaction((tx) => trades.recordValidation(tx, [first, second, first], actor)),
      ).rejects.toThrow(/twice/);
      await untouched(batchId, 2);
    });

    it('refuses to run outside a transaction', async () => {
      await expect(trades.recordValidation(ds.manager, [], actor)).rejects.toThrow(/transaction/);
    });
  });

  describe('recordEvent', () => {
    it('appends history without a status change or a message', async () => {
      const {
        tradeIds: [id],
      } = await seedBatch(ds, 1);

      await ds.transaction((tx) =>
        trades.recordEvent(tx, id, 'DELIVERY_ATTEMPT', 'casie-adapter', { attempt: 1 }),
      );

      const history = await trades.history(ds.manager, id);
      expect(history[1]).toMatchObject({
        event: 'DELIVERY_ATTEMPT',
        fromStatus: null,
        toStatus: null,
        details: { attempt: 1 },
      });
      expect(await trades.findById(ds.manager, id)).toMatchObject({ status: 'RECEIVED', version: 1 });
      expect(await outboxFor(id)).toEqual([]);
    });
  });

  describe('countByStatus', () => {
    it('counts every status of a batch, zeros included', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 3);
      await markValid(tradeIds[0]);

      const counts = await trades.countByStatus(ds.manager, batchId);

      expect(counts).toMatchObject({ RECEIVED: 2, VALID: 1, INVALID: 0, CONFIRMED: 0 });
      expect(Object.keys(counts)).toHaveLength(11);
    });
  });
});
