import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { Headers, Topics } from '@contingency/contracts';
import { createLedgerDataSource, LedgerModule, OutboxWriter } from '@contingency/ledger';
import { HealthRegistry, MetricsRegistry, ObservabilityModule } from '@contingency/observability';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { PermanentError, RetryableError } from '../consumer/handler-errors';
import type { InboundMessage } from '../consumer/inbound-message';
import { MessageConsumer, OnMessage } from '../consumer/message-consumer.decorators';
import type { RetryPolicy } from '../consumer/retry-policy';
import { ExternalPublisher } from '../external-publisher';
import { MessagingModule } from '../nest/messaging.module';
import { MESSAGE_BUS } from '../nest/messaging.options';
import { OutboxRelay } from '../relay/outbox-relay';
import { recordingTelemetry } from '../testing/recording-telemetry';
import { runPrefix, taAck } from '../testing/test-messages';
import { EmbeddedBus } from './embedded-bus';
import type { MessageBus } from './message-bus';

const topic = Topics.taAcks;
type Ack = InboundMessage<typeof Topics.taAcks>;

const FAST: RetryPolicy = {
  quickTries: 2,
  quickBackoff: { baseMs: 10, maxMs: 20 },
  delayedBackoff: { baseMs: 300, maxMs: 600 },
  maxAttempts: 3,
};

/** Behaviour by the order reference's last word, as in the Kafka tests. */
@MessageConsumer('embedded-test')
class EmbeddedConsumer {
  readonly calls = new Map<string, number>();

  @OnMessage(Topics.taAcks)
  async onAck(m: Ack, tx: EntityManager): Promise<void> {
    const calls = (this.calls.get(m.payload.orderRef) ?? 0) + 1;
    this.calls.set(m.payload.orderRef, calls);
    switch (m.payload.orderRef.split('-').pop() ?? '') {
      case 'permanent':
        throw new PermanentError('UNKNOWN_ORDER', 'no such order');
      case 'flaky':
        if (calls === 1) throw new RetryableError('DOWN', 'refused');
        break;
      case 'later':
        if (m.attempt === 1) throw new RetryableError('DOWN', 'still down');
        break;
      case 'hopeless':
        throw new RetryableError('DOWN', 'never up');
    }
    await tx.query('INSERT INTO test_effects (message_id, key, order_ref, attempt) VALUES ($1, $2, $3, $4)', [
      m.messageId,
      m.key,
      m.payload.orderRef,
      m.attempt,
    ]);
  }
}

// Standalone mode: PGlite serves one connection, so everything here shares a DataSource of pool size 1.
describe(EmbeddedBus.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let single: DataSource;
  let app: TestingModule | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('embedded');
    await db.dataSource.query(
      'CREATE TABLE test_effects (id bigserial PRIMARY KEY, message_id text, key text, order_ref text, attempt int)',
    );
    await db.dataSource.destroy();
    single = createLedgerDataSource({ url: db.url, poolSize: 1 });
    await single.initialize();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await single?.destroy();
    await db?.drop();
  });

  async function start(
    retry: RetryPolicy = FAST,
  ): Promise<{ consumer: EmbeddedConsumer; bus: MessageBus; outbox: OutboxWriter }> {
    app = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ service: 'embedded-test', logLevel: 'error' }),
        LedgerModule.forDataSource(single),
        MessagingModule.forRoot({
          bus: 'embedded',
          clientId: 'embedded-test',
          consumers: true,
          relay: { idleMs: 20, relayId: 'embedded-test' },
          retry,
        }),
      ],
      providers: [EmbeddedConsumer],
    }).compile();
    await app.init();
    return {
      consumer: app.get(EmbeddedConsumer),
      bus: app.get<MessageBus>(MESSAGE_BUS),
      outbox: app.get(OutboxWriter),
    };
  }

  const effects = (prefix: string) =>
    single.query<{ message_id: string; key: string; order_ref: string; attempt: number }[]>(
      'SELECT message_id, key, order_ref, attempt FROM test_effects WHERE key LIKE $1 ORDER BY id',
      [`${prefix}%`],
    );

  it('carries outbox messages through the embedded log to the consumer, in order per account', async () => {
    const { outbox } = await start();
    const prefix = runPrefix('emb-flow');
    const keys = [0, 1, 2].map((k) => `${prefix}-acc${k}`);
    for (let i = 0; i < 30; i++) {
      await single.transaction((tx) =>
        outbox.enqueue(
          tx,
          keys.map((key) => ({ topic, key, payload: taAck(`${key}-${i}`) })),
        ),
      );
    }
    await expectEventually(async () => expect(await effects(prefix)).toHaveLength(90));
    const rows = await effects(prefix);
    for (const key of keys) {
      const sequence = rows.filter((r) => r.key === key).map((r) => Number(r.order_ref.split('-').pop()));
      expect(sequence).toEqual(Array.from({ length: 30 }, (_, i) => i));
    }
    const [{ unpublished }] = await single.query<{ unpublished: string }[]>(
      'SELECT count(*) AS unpublished FROM outbox WHERE published_at IS NULL',
    );
    expect(Number(unpublished)).toBe(0);
  });

  it('applies a message once however often it is delivered', async () => {
    const { bus } = await start();
    const external = app!.get(ExternalPublisher);
    const prefix = runPrefix('emb-dup');
    const record = {
      topic,
      key: `${prefix}-acc`,
      value: JSON.stringify(taAck(`${prefix}-1`)),
      headers: { [Headers.messageId]: randomUUID() },
    };
    await bus.publish([record, record]);
    await bus.publish([record]);
    // The external TA feed has no message ids: the same record twice is recognised by its content.
    await external.publish(topic, `${prefix}-acc`, taAck(`${prefix}-feed`));
    await external.publish(topic, `${prefix}-acc`, taAck(`${prefix}-feed`));

    await expectEventually(async () =>
      expect((await effects(prefix)).map((e) => e.order_ref)).toEqual([`${prefix}-1`, `${prefix}-feed`]),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await effects(prefix)).toHaveLength(2);
  });

  it('retries, redelivers later and dead-letters with the same policy as on Kafka', async () => {
    const { bus, consumer } = await start();
    const prefix = runPrefix('emb-policy');
    const key = `${prefix}-acc`;
    await bus.publish(
      [
        taAck(`${prefix}-flaky`),
        'garbage',
        taAck(`${prefix}-permanent`),
        taAck(`${prefix}-later`),
        taAck(`${prefix}-hopeless`),
      ].map((v) => ({
        topic,
        key,
        value: typeof v === 'string' ? v : JSON.stringify(v),
        headers: { [Headers.messageId]: randomUUID() },
      })),
    );
    await expectEventually(
      async () => {
        expect((await effects(prefix)).map((e) => [e.order_ref, e.attempt])).toEqual([
          [`${prefix}-flaky`, 1],
          [`${prefix}-later`, 2],
        ]);
        const letters = await single.query<{ headers: Record<string, string> }[]>(
          'SELECT headers FROM bus_log WHERE topic = $1 AND key = $2 ORDER BY seq',
          [`${topic}.dlq`, key],
        );
        expect(letters.map((l) => l.headers[Headers.deadLetterCode])).toEqual([
          'CONTRACT_VIOLATION',
          'UNKNOWN_ORDER',
          'RETRIES_EXHAUSTED',
        ]);
      },
      { timeoutMs: 20_000 },
    );
    expect(consumer.calls.get(`${prefix}-hopeless`)).toBe(FAST.maxAttempts * FAST.quickTries);

    const metrics = await app!.get(MetricsRegistry).metrics();
    expect(metrics).toMatch(
      /embedded_test_messages_failed_total\{topic="ta.acks.v1",reason="dead_letter"\} [1-9]/,
    );
    expect(metrics).toMatch(/embedded_test_messages_consumed_total\{topic="ta.acks.v1"\} [1-9]/);
    expect((await app!.get(HealthRegistry).readiness()).checks['embedded-bus']).toMatchObject({
      status: 'ok',
    });
  });

  it('settles rows in doubt from the log: a batch the log took but the relay never marked is not sent twice', async () => {
    const bus = new EmbeddedBus(single);
    await bus.connect();
    const prefix = runPrefix('emb-doubt');
    const outbox = new OutboxWriter();
    const ids = await single.transaction((tx) =>
      outbox.enqueue(
        tx,
        [0, 1, 2, 3].map((i) => ({ topic, key: `${prefix}-acc`, payload: taAck(`${prefix}-${i}`) })),
      ),
    );
    // As if the relay died right after publishing: it throws where it would mark the rows.
    class FailingAfterPublish extends OutboxRelay {
      protected override published(): Promise<void> {
        return Promise.reject(new Error('lost after publish'));
      }
    }
    const quiet = recordingTelemetry();
    await expect(
      new FailingAfterPublish(single, bus, { relayId: 'doubt', batchSize: 2 }, quiet).relayOnce(),
    ).rejects.toThrow(/lost/);
    const relay = new OutboxRelay(single, bus, { relayId: 'doubt', batchSize: 2 }, quiet);
    await single.query(`UPDATE outbox SET available_at = now() WHERE message_id = ANY($1::uuid[])`, [ids]);
    while ((await relay.relayOnce()) > 0);

    const logged = await single.query<{ message_id: string }[]>(
      'SELECT message_id FROM bus_log WHERE key = $1 ORDER BY seq',
      [`${prefix}-acc`],
    );
    expect(logged.map((r) => r.message_id)).toEqual(ids);
    const [{ open }] = await single.query<{ open: string }[]>(
      'SELECT count(*) AS open FROM outbox WHERE message_id = ANY($1::uuid[]) AND published_at IS NULL',
      [ids],
    );
    expect(Number(open)).toBe(0);
  });

  it('resumes after a restart where it stopped, delayed redeliveries included', async () => {
    const first = await start({ ...FAST, delayedBackoff: { baseMs: 2_000, maxMs: 2_000 } });
    const prefix = runPrefix('emb-restart');
    const key = `${prefix}-acc`;
    await single.transaction((tx) =>
      first.outbox.enqueue(tx, [{ topic, key, payload: taAck(`${prefix}-0-later`) }]),
    );
    await expectEventually(async () => {
      const [row] = await single.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM outbox WHERE key = $1 AND headers->>'attempt' = '2' AND published_at IS NULL`,
        [key],
      );
      expect(Number(row.n)).toBe(1);
    });
    await app!.close();
    expect(await effects(prefix)).toEqual([]);

    // Written while nobody consumes.
    await single.transaction((tx) =>
      first.outbox.enqueue(
        tx,
        [1, 2, 3].map((i) => ({ topic, key, payload: taAck(`${prefix}-${i}`) })),
      ),
    );
    await start();
    await expectEventually(async () =>
      expect((await effects(prefix)).map((e) => [e.order_ref, e.attempt])).toEqual([
        [`${prefix}-1`, 1],
        [`${prefix}-2`, 1],
        [`${prefix}-3`, 1],
        [`${prefix}-0-later`, 2],
      ]),
    );
  });
});
