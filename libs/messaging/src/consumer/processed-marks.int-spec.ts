import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { markProcessed } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import { markChunkProcessed } from './processed-marks';

describe(markChunkProcessed.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const topic = 'trades.received.v1';
  const marks = (...ids: string[]) => ids.map((messageId) => ({ messageId, topic }));

  beforeAll(async () => {
    db = await createTestDatabase('processed_marks');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('answers the ids seen for the first time, as markProcessed would one by one', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await ds.transaction((tx) => markProcessed(tx, 'validation-service', a, topic));

    const first = await ds.transaction((tx) =>
      markChunkProcessed(tx, 'validation-service', marks(a, b, c, b)),
    );
    const again = await ds.transaction((tx) => markChunkProcessed(tx, 'validation-service', marks(b, c)));

    expect(first).toEqual(new Set([b, c]));
    expect(again).toEqual(new Set());
    expect(await ds.transaction((tx) => markProcessed(tx, 'validation-service', c, topic))).toBe(false);
    // Another consumer group handles the same messages on its own.
    expect(await ds.transaction((tx) => markChunkProcessed(tx, 'ack-ingestor', marks(a, b)))).toEqual(
      new Set([a, b]),
    );
    const rows = await ds.query<Array<{ consumer: string; topic: string }>>(
      'SELECT consumer, topic FROM processed_messages WHERE message_id = $1 ORDER BY consumer',
      [b],
    );
    expect(rows).toEqual([
      { consumer: 'ack-ingestor', topic },
      { consumer: 'validation-service', topic },
    ]);
  });

  it('forgets the marks when the chunk rolled back', async () => {
    const id = randomUUID();
    await expect(
      ds.transaction(async (tx) => {
        await markChunkProcessed(tx, 'validation-service', marks(id));
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');

    expect(await ds.transaction((tx) => markChunkProcessed(tx, 'validation-service', marks(id)))).toEqual(
      new Set([id]),
    );
  });

  it('refuses to run outside a transaction', async () => {
    await expect(markChunkProcessed(ds.manager, 'validation-service', [])).rejects.toThrow(/transaction/);
  });
});
