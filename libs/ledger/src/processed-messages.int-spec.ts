import { createTestDatabase } from '@contingency/testing';
import type { DataSource } from 'typeorm';
import { ProcessedMessageEntity } from './entities/processed-message.entity';
import { markProcessed } from './processed-messages';
import { newId } from './test/ledger.fixtures';

describe(markProcessed.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('processed_messages');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('is true the first time a consumer sees a message and false on redelivery', async () => {
    const id = newId();
    expect(
      await ds.transaction((tx) => markProcessed(tx, 'validation-service', id, 'trades.received.v1')),
    ).toBe(true);
    expect(
      await ds.transaction((tx) => markProcessed(tx, 'validation-service', id, 'trades.received.v1')),
    ).toBe(false);
    // Another consumer group handles the same message on its own.
    expect(await ds.transaction((tx) => markProcessed(tx, 'ack-ingestor', id, 'trades.received.v1'))).toBe(
      true,
    );
  });

  it('forgets the message when the work that followed rolled back', async () => {
    const id = newId();
    await expect(
      ds.transaction(async (tx) => {
        await markProcessed(tx, 'casie-adapter', id, 'orders.casie.v1');
        throw new Error('delivery failed');
      }),
    ).rejects.toThrow('delivery failed');

    expect(await ds.manager.findOneBy(ProcessedMessageEntity, { messageId: id })).toBeNull();
    expect(await ds.transaction((tx) => markProcessed(tx, 'casie-adapter', id, 'orders.casie.v1'))).toBe(
      true,
    );
  });
});
