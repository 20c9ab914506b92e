import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { Headers, Topics } from '@contingency/contracts';
import { LedgerModule } from '@contingency/ledger';
import { ExternalPublisher, MessagingModule, MessagingRuntime } from '@contingency/messaging';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { Clock, fixedClock } from './clock';
import {
  anAccount,
  batchStatus,
  codesOf,
  NOW,
  seedFunds,
  storedTrades,
  uploadBatch,
} from './validation.int-fixtures';
import { ValidationConsumer } from './validation.consumer';
import { ValidationModule } from './validation.module';

// The service behind its real consumer, on the embedded bus (the standalone transport): the gateway's
// trades.received.v1 messages go through the outbox relay, the bus log and the batch handler.
describe(ValidationConsumer.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestingModule;

  beforeAll(async () => {
    db = await createTestDatabase('validation_consumer');
    await seedFunds(db.dataSource);
    app = await Test.createTestingModule({
      imports: [
        LedgerModule.forDataSource(db.dataSource),
        MessagingModule.forRoot({
          bus: 'embedded',
          clientId: 'validation-consumer-test',
          consumers: true,
          relay: { idleMs: 20, relayId: `validation-test-${randomUUID()}` },
          groupPrefix: `validation-test-${randomUUID()}-`,
        }),
        ValidationModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(fixedClock(NOW))
      .compile();
    await app.init();
    await app.get(MessagingRuntime).ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('validates an announced batch and hands it to the approver', async () => {
    const account = anAccount();
    const batch = await uploadBatch(
      db.dataSource,
      [
        { accountId: account, clientRef: 'C-1' },
        { accountId: account, clientRef: 'C-1', amount: '2' },
        { accountId: account, clientRef: 'C-2' },
        { accountId: account, clientRef: 'C-3', tradeDate: '2026-03-28' },
      ],
      { announce: true },
    );

    await expectEventually(async () =>
      expect(await batchStatus(db.dataSource, batch.batchId)).toBe('AWAITING_APPROVAL'),
    );

    const stored = await storedTrades(db.dataSource, batch.batchId);
    expect(stored.map((t) => [t.status, t.possibleDuplicate, codesOf(t)])).toEqual([
      ['VALID', false, []],
      ['INVALID', false, ['CLIENT_REF_DUPLICATE_IN_FILE']],
      ['VALID', true, ['POSSIBLE_DUPLICATE']],
      ['INVALID', false, ['TRADE_DATE_WEEKEND']],
    ]);
  });

  it('changes nothing when a trade is announced again under another message id', async () => {
    const batch = await uploadBatch(db.dataSource, [{ accountId: anAccount() }], { announce: true });
    await expectEventually(async () =>
      expect(await batchStatus(db.dataSource, batch.batchId)).toBe('AWAITING_APPROVAL'),
    );
    const before = await storedTrades(db.dataSource, batch.batchId);
    const [received] = batch.received;
    const messageId = randomUUID();

    await app
      .get(ExternalPublisher)
      .publish(Topics.tradesReceived, received.cells.accountId, received, { [Headers.messageId]: messageId });

    await expectEventually(async () => {
      const [{ n }] = await db.dataSource.query<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM processed_messages WHERE message_id = $1',
        [messageId],
      );
      expect(n).toBe(1);
    });
    expect(await storedTrades(db.dataSource, batch.batchId)).toEqual(before);
  });
});
