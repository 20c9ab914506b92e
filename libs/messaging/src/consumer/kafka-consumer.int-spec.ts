import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Headers, Topics } from '@contingency/contracts';
import { OutboxWriter } from '@contingency/ledger';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { KafkaBus } from '../bus/kafka-bus';
import { MessagingHeaders } from '../messaging-headers';
import { OutboxRelay } from '../relay/outbox-relay';
import { buildForChildren, Child, type ChildBuild } from '../testing/child-processes';
import { highWatermarks, pinGroupToEnd, readTopic, testBrokers } from '../testing/kafka-test-kit';
import { recordingTelemetry } from '../testing/recording-telemetry';
import { runPrefix, taAck } from '../testing/test-messages';
import { ConsumerHost } from './consumer-host';
import { PermanentError, RetryableError } from './handler-errors';
import type { InboundMessage } from './inbound-message';
import { MessageConsumer, OnMessage } from './message-consumer.decorators';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

const topic = Topics.taAcks;
const dlq = `${topic}.dlq`;
const FAST: RetryPolicy = {
  quickTries: 3,
  quickBackoff: { baseMs: 10, maxMs: 50 },
  delayedBackoff: { baseMs: 300, maxMs: 600 },
  maxAttempts: 8,
};

type Ack = InboundMessage<typeof Topics.taAcks>;
const insertEffect = (tx: EntityManager, m: Ack, consumer: string) =>
  tx.query(
    'INSERT INTO test_effects (consumer, message_id, key, order_ref, attempt) VALUES ($1, $2, $3, $4, $5)',
    [consumer, m.messageId, m.key, m.payload.orderRef, m.attempt],
  );

/** Behaviour chosen by the order reference's last word: ok, flaky, later, permanent, hopeless. */
@MessageConsumer('policy-test')
class PolicyConsumer {
  readonly calls = new Map<string, number>();

  @OnMessage(Topics.taAcks, { maxAttempts: 3 })
  async onAck(m: Ack, tx: EntityManager): Promise<void> {
    const calls = (this.calls.get(m.payload.orderRef) ?? 0) + 1;
    this.calls.set(m.payload.orderRef, calls);
    switch (m.payload.orderRef.split('-').pop() ?? '') {
      case 'permanent':
        throw new PermanentError('UNKNOWN_ORDER', `no order ${m.payload.orderRef}`);
      case 'flaky':
        if (calls <= 2) throw new RetryableError('CASIE_DOWN', 'connection refused');
        break;
      case 'later':
        if (m.attempt === 1) throw new RetryableError('CASIE_DOWN', 'still down');
        break;
      case 'hopeless':
        throw new Error('boom');
    }
    await insertEffect(tx, m, 'policy-test');
  }
}

@MessageConsumer('batch-test')
class BatchConsumer {
  /** Sizes of the batches that held our messages (other tests may publish on the topic too). */
  batches: number[] = [];

  constructor(private readonly prefix: string) {}

  @OnMessage(Topics.taAcks, { batch: true, maxBatchSize: 4 })
  async onAcks(messages: Ack[], tx: EntityManager): Promise<void> {
    const ours = messages.filter((m) => m.key.startsWith(this.prefix));
    if (ours.length > 0) this.batches.push(ours.length);
    for (const m of ours) {
      if (m.payload.orderRef.endsWith('poison')) throw new PermanentError('POISON', 'cannot take this one');
      await insertEffect(tx, m, 'batch-test');
    }
  }
}

@MessageConsumer('order-test')
class OrderConsumer {
  @OnMessage(Topics.taAcks)
  async onAck(m: Ack, tx: EntityManager): Promise<void> {
    await insertEffect(tx, m, 'order-test');
  }
}

describe('Kafka consumers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let bus: KafkaBus;
  let relay: OutboxRelay;
  const hosts: ConsumerHost[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('consumers');
    await db.dataSource.query(`CREATE TABLE test_effects (
      id bigserial PRIMARY KEY, consumer text, message_id text, key text, order_ref text, attempt int)`);
    bus = new KafkaBus({ brokers: testBrokers(), clientId: 'consumer-int-spec' });
    await bus.connect();
    relay = new OutboxRelay(db.dataSource, bus, { idleMs: 50 }, recordingTelemetry());
    relay.start();
  }, 60_000);

  // Every test's consumers are 'policy-test' etc. in processed_messages: stop them before the next test.
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });

  afterAll(async () => {
    await relay?.stop();
    await bus?.disconnect();
    await db?.drop();
  });

  /** Consumers of a fresh group pinned to the end of the topic, so that earlier runs' records are not read. */
  function startConsumers(retry: RetryPolicy = FAST) {
    const groupPrefix = `${runPrefix('group')}.`;
    const telemetry = recordingTelemetry();
    const host = new ConsumerHost({
      bus,
      dataSource: db.dataSource,
      outbox: new OutboxWriter(),
      telemetry,
      retry,
      groupPrefix,
    });
    hosts.push(host);
    return { host, telemetry, groupPrefix };
  }

  async function run(
    host: ConsumerHost,
    groupPrefix: string,
    consumers: object[],
    groups: string[],
  ): Promise<void> {
    for (const g of groups) await pinGroupToEnd(`${groupPrefix}${g}`, [topic]);
    const { ready } = await host.start(consumers);
    await ready;
  }

  const publish = (
    key: string,
    values: (string | object)[],
    headers: (i: number) => Record<string, string> = () => ({}),
  ) =>
    bus.publish(
      values.map((v, i) => ({
        topic,
        key,
        value: typeof v === 'string' ? v : JSON.stringify(v),
        headers: { [Headers.messageId]: randomUUID(), ...headers(i) },
      })),
    );

  const effects = async (consumer: string, prefix: string) =>
    db.dataSource.query<{ message_id: string; key: string; order_ref: string; attempt: number }[]>(
      'SELECT message_id, key, order_ref, attempt FROM test_effects WHERE consumer = $1 AND key LIKE $2 ORDER BY id',
      [consumer, `${prefix}%`],
    );

  const deadLetters = async (prefix: string) =>
    db.dataSource.query<{ key: string; payload: unknown; headers: Record<string, string> }[]>(
      `SELECT key, payload, headers FROM outbox WHERE topic = $1 AND key LIKE $2 ORDER BY id`,
      [dlq, `${prefix}%`],
    );

  it('applies each message exactly once when a consumer is killed mid-batch and restarted', async () => {
    const build: ChildBuild = buildForChildren();
    const children: Child[] = [];
    try {
      const prefix = runPrefix('crash');
      const groupPrefix = `${prefix}.`;
      await pinGroupToEnd(`${groupPrefix}effects-test`, [topic]);
      const count = 500;
      const acks = Array.from({ length: count }, (_, i) => ({
        key: `${prefix}-acc${i % 10}`,
        ack: taAck(`${prefix}-${i}`),
      }));
      await bus.publish(
        acks.map(({ key, ack }) => ({
          topic,
          key,
          value: JSON.stringify(ack),
          headers: { [Headers.messageId]: randomUUID() },
        })),
      );
      const env = {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testBrokers().join(','),
        GROUP_PREFIX: groupPrefix,
        KEY_PREFIX: prefix,
      };

      // The first consumer hangs inside the transaction of the last message of account 0 and is killed there:
      // the records it handled since its last commit come again.
      const first = new Child(build, 'consumer-child', { ...env, SLOW_ORDER_REF: `${prefix}-490` });
      children.push(first);
      await first.waitFor((l) => l.hanging !== undefined);
      first.kill();
      expect((await first.exited).signal).toBe('SIGKILL');
      expect((await effects('effects-test', prefix)).length).toBeLessThan(count);

      const second = new Child(build, 'consumer-child', env);
      children.push(second);
      await expectEventually(async () => expect(await effects('effects-test', prefix)).toHaveLength(count), {
        timeoutMs: 60_000,
        intervalMs: 200,
      });
      second.terminate();
      expect(await second.exited).toEqual({ code: 0, signal: null });

      const rows = await effects('effects-test', prefix);
      expect(new Set(rows.map((r) => r.order_ref))).toEqual(new Set(acks.map((a) => a.ack.orderRef)));
      expect(new Set(rows.map((r) => r.message_id)).size).toBe(count);
      // Redelivered, recognised by message id, not applied again. (Other teams' tests share the topic, so
      // outcome counts may include their records; the effects above are ours only.)
      expect(second.count((l) => l.outcome === 'duplicate')).toBeGreaterThan(0);
    } finally {
      for (const child of children) child.kill();
      build.remove();
    }
  }, 120_000);

  it('dead-letters contract violations and permanent errors, retries the rest, and gives up after maxAttempts', async () => {
    const prefix = runPrefix('policy');
    const dlqFrom = await highWatermarks(dlq);
    const consumer = new PolicyConsumer();
    const { host, telemetry, groupPrefix } = startConsumers();
    await run(host, groupPrefix, [consumer], ['policy-test']);

    await publish(`${prefix}-acc`, [
      taAck(`${prefix}-1-ok`),
      'not json {',
      { orderRef: `${prefix}-2`, status: 'MAYBE', acknowledgedAt: '2026-12-04T10:00:00Z' },
      taAck(`${prefix}-3-permanent`),
      taAck(`${prefix}-4-flaky`),
      taAck(`${prefix}-5-later`),
      taAck(`${prefix}-6-hopeless`),
    ]);

    await expectEventually(
      async () => {
        expect((await effects('policy-test', prefix)).map((e) => [e.order_ref, e.attempt])).toEqual([
          [`${prefix}-1-ok`, 1],
          [`${prefix}-4-flaky`, 1],
          [`${prefix}-5-later`, 2],
        ]);
        expect(await deadLetters(prefix)).toHaveLength(4);
      },
      { timeoutMs: 30_000 },
    );
    expect(consumer.calls.get(`${prefix}-4-flaky`)).toBe(3);
    expect(consumer.calls.get(`${prefix}-6-hopeless`)).toBe(3 * FAST.quickTries);

    const letters = await deadLetters(prefix);
    expect(letters.map((l) => l.headers[Headers.deadLetterCode])).toEqual([
      'CONTRACT_VIOLATION',
      'CONTRACT_VIOLATION',
      'UNKNOWN_ORDER',
      'RETRIES_EXHAUSTED',
    ]);
    for (const l of letters) {
      expect(l.headers).toMatchObject({
        [Headers.originalTopic]: topic,
        [MessagingHeaders.consumerGroup]: 'policy-test',
      });
      expect(l.headers[Headers.originalOffset]).toMatch(/^\d+$/);
      expect(l.headers[Headers.originalPartition]).toMatch(/^\d+$/);
      expect(l.headers[Headers.deadLetterReason]).toBeTruthy();
    }
    expect(letters[3].headers[Headers.attempt]).toBe('3');
    expect(letters[3].headers[Headers.deadLetterReason]).toMatch(/boom/);

    // On the dead-letter topic with the original value, garbage included.
    await expectEventually(
      async () => {
        const records = (await readTopic(dlq, dlqFrom)).filter((r) => r.key.startsWith(prefix));
        expect(records).toHaveLength(4);
        expect(records.map((r) => r.value)).toContain('not json {');
        // The same JSON value (jsonb in the outbox may reorder its keys).
        const permanent = records.find((r) => r.headers[Headers.deadLetterCode] === 'UNKNOWN_ORDER');
        expect(JSON.parse(permanent!.value)).toEqual(taAck(`${prefix}-3-permanent`));
      },
      { timeoutMs: 20_000 },
    );
    expect(telemetry.count('dead_lettered')).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('keeps a delayed redelivery across a restart of the consumers and the relay', async () => {
    const prefix = runPrefix('restart');
    const slow: RetryPolicy = { ...FAST, delayedBackoff: { baseMs: 4_000, maxMs: 4_000 } };
    const before = new PolicyConsumer();
    const first = startConsumers(slow);
    await run(first.host, first.groupPrefix, [before], ['policy-test']);
    await publish(`${prefix}-acc`, [taAck(`${prefix}-later`)]);

    await expectEventually(async () => {
      const [row] = await db.dataSource.query<{ headers: Record<string, string> }[]>(
        'SELECT headers FROM outbox WHERE topic = $1 AND key = $2 AND published_at IS NULL',
        [topic, `${prefix}-acc`],
      );
      expect(row.headers[Headers.attempt]).toBe('2');
    });
    await first.host.stop();
    await relay.stop();
    expect(await effects('policy-test', prefix)).toEqual([]);

    // New processes (same group): the redelivery waits in the outbox, not in anyone's memory.
    relay = new OutboxRelay(db.dataSource, bus, { idleMs: 50 }, recordingTelemetry());
    relay.start();
    const after = new PolicyConsumer();
    const { ready } = await first.host.start([after]);
    await ready;
    await expectEventually(
      async () => expect((await effects('policy-test', prefix)).map((e) => e.attempt)).toEqual([2]),
      {
        timeoutMs: 30_000,
      },
    );
    expect(after.calls.get(`${prefix}-later`)).toBe(1);
  }, 60_000);

  it('gives a batch handler one transaction per chunk of at most maxBatchSize, and isolates a poison message one by one', async () => {
    const prefix = runPrefix('batch');
    const consumer = new BatchConsumer(prefix);
    const { host, groupPrefix } = startConsumers();
    await run(host, groupPrefix, [consumer], ['batch-test']);

    await publish(
      `${prefix}-acc`,
      Array.from({ length: 10 }, (_, i) => taAck(`${prefix}-clean-${i}`)),
    );
    await expectEventually(async () => expect(await effects('batch-test', prefix)).toHaveLength(10));
    expect(consumer.batches).toEqual([4, 4, 2]);

    consumer.batches = [];
    await publish(
      `${prefix}-acc`,
      Array.from({ length: 10 }, (_, i) => taAck(`${prefix}-${i}${i === 6 ? '-poison' : ''}`)),
    );
    await expectEventually(async () => {
      expect(await effects('batch-test', prefix)).toHaveLength(19);
      expect((await deadLetters(prefix)).map((l) => l.headers[Headers.deadLetterCode])).toEqual(['POISON']);
    });
    // Only the poison's chunk (rows 4 to 7) is redone one by one.
    expect(consumer.batches).toEqual([4, 4, 1, 1, 1, 1, 2]);
  }, 60_000);

  it("handles one account's messages in publish order", async () => {
    const prefix = runPrefix('order');
    const consumer = new OrderConsumer();
    const { host, groupPrefix } = startConsumers(DEFAULT_RETRY_POLICY);
    await run(host, groupPrefix, [consumer], ['order-test']);
    const outbox = new OutboxWriter();
    const keys = [0, 1, 2, 3].map((k) => `${prefix}-acc${k}`);
    for (let i = 0; i < 100; i++) {
      await db.dataSource.transaction((tx) =>
        outbox.enqueue(
          tx,
          keys.map((key) => ({ topic, key, payload: taAck(`${key}-${i}`) })),
        ),
      );
    }
    await expectEventually(async () => expect(await effects('order-test', prefix)).toHaveLength(400), {
      timeoutMs: 30_000,
    });
    const rows = await effects('order-test', prefix);
    for (const key of keys) {
      const sequence = rows.filter((r) => r.key === key).map((r) => Number(r.order_ref.split('-').pop()));
      expect(sequence).toEqual(Array.from({ length: 100 }, (_, i) => i));
    }
  }, 60_000);
});
