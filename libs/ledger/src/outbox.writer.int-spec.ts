import { ContractViolation, Headers, Topics, type OrderV1 } from '@contingency/contracts';
import { withLogContext } from '@contingency/observability';
import { createTestDatabase } from '@contingency/testing';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { OutboxWriter, type OutboundMessage } from './outbox.writer';
import { newId } from './test/ledger.fixtures';

function order(overrides: Partial<z.infer<typeof OrderV1>> = {}): OutboundMessage<typeof Topics.ordersCasie> {
  const payload = {
    orderRef: 'MC-0001',
    tradeId: newId(),
    batchId: newId(),
    clientRef: 'C-1',
    orderType: 'SUBSCRIPTION' as const,
    fundIsin: 'IE00B4L5Y983',
    accountId: 'ACC-1',
    amount: '1000.00',
    currency: 'EUR',
    units: null,
    tradeDate: '2026-12-04',
    settlementDate: null,
    routeReason: 'primary route',
    ...overrides,
  };
  return { topic: Topics.ordersCasie, key: payload.accountId, payload };
}

describe(OutboxWriter.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const writer = new OutboxWriter();

  beforeAll(async () => {
    db = await createTestDatabase('outbox_writer');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  const rowsOf = (ids: string[]) =>
    ds.manager.find(OutboxMessageEntity, {
      where: ids.map((messageId) => ({ messageId })),
      order: { id: 'ASC' },
    });

  it('writes one row per message with its id, correlation and production time in the headers', async () => {
    const given = newId();
    const ids = await ds.transaction((tx) =>
      writer.enqueue(tx, [
        order(),
        { ...order({ orderRef: 'MC-0002' }), messageId: given, correlationId: 'corr-1' },
      ]),
    );

    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(given);
    const rows = await rowsOf(ids);
    expect(rows.map((r) => [r.messageId, r.topic, r.key, r.publishedAt, r.attempts])).toEqual([
      [ids[0], 'orders.casie.v1', 'ACC-1', null, 0],
      [given, 'orders.casie.v1', 'ACC-1', null, 0],
    ]);
    expect(rows[1].headers).toMatchObject({ [Headers.messageId]: given, [Headers.correlationId]: 'corr-1' });
    expect(Date.parse(rows[1].headers[Headers.producedAt])).not.toBeNaN();
    // No correlation given and none in context: the message starts its own chain.
    expect(rows[0].headers[Headers.correlationId]).toBe(ids[0]);
    expect(rows[1].payload).toMatchObject({ orderRef: 'MC-0002', units: null });
  });

  it('takes the correlation id of the work in progress from the log context', async () => {
    const [id] = await withLogContext({ correlationId: 'req-77' }, () =>
      ds.transaction((tx) => writer.enqueue(tx, [order()])),
    );
    const [row] = await rowsOf([id]);
    expect(row.headers[Headers.correlationId]).toBe('req-77');
  });

  it('refuses a payload that breaks its contract and writes nothing of the batch', async () => {
    const good = { ...order({ orderRef: 'MC-GOOD' }), messageId: newId() };
    const bad = order({ fundIsin: 'NOT-AN-ISIN-AT-ALL' });

    await expect(ds.transaction((tx) => writer.enqueue(tx, [good, bad]))).rejects.toThrow(ContractViolation);

    expect(await rowsOf([good.messageId])).toEqual([]);
  });

  it('honours a delayed availability', async () => {
    const later = new Date(Date.now() + 60_000);
    const [id] = await ds.transaction((tx) => writer.enqueue(tx, [{ ...order(), availableAt: later }]));
    const [row] = await rowsOf([id]);
    expect(row.availableAt.getTime()).toBe(later.getTime());
  });

  it('inserts large batches with one statement per 1000 messages', async () => {
    const messages = Array.from({ length: 2_001 }, (_, i) => order({ orderRef: `MC-${i}` }));
    let inserts = 0;

    const ids = await ds.transaction(async (tx) => {
      const runner = tx.queryRunner!;
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, ...rest: never[]) => {
        if (sql.startsWith('INSERT INTO outbox')) inserts++;
        return query(sql, ...rest);
      }) as typeof runner.query;
      return writer.enqueue(tx, messages);
    });

    expect(inserts).toBe(3);
    expect(new Set(ids).size).toBe(2_001);
    const [{ count }] = await ds.query(
      'SELECT count(*)::int AS count FROM outbox WHERE message_id = ANY($1::uuid[])',
      [ids],
    );
    expect(count).toBe(2_001);
  });

  it('writes dead letters whatever their payload, but only to .dlq topics', async () => {
    const [id] = await ds.transaction((tx) =>
      writer.enqueueRaw(tx, [
        {
          topic: 'ta.acks.v1.dlq',
          key: 'ACC-1',
          payload: '{not json',
          headers: { [Headers.deadLetterCode]: 'BAD_JSON' },
        },
      ]),
    );
    const [row] = await rowsOf([id]);
    expect(row).toMatchObject({ topic: 'ta.acks.v1.dlq', payload: '{not json' });
    expect(row.headers).toMatchObject({ [Headers.deadLetterCode]: 'BAD_JSON', [Headers.messageId]: id });

    await expect(
      ds.transaction((tx) => writer.enqueueRaw(tx, [{ topic: Topics.taAcks, key: 'k', payload: {} }])),
    ).rejects.toThrow(/dead-letter/);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(writer.enqueue(ds.manager, [order()])).rejects.toThrow(/transaction/);
  });
});
