import { Headers, Topics, type TradeStatusChanged } from '@contingency/contracts';
import { OutboxWriter, type OutboundMessage } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import { KafkaBus } from '../bus/kafka-bus';
import { buildForChildren, Child, type ChildBuild } from '../testing/child-processes';
import { highWatermarks, readTopic, testBrokers, type TopicRecord } from '../testing/kafka-test-kit';
import { recordingTelemetry } from '../testing/recording-telemetry';
import { runPrefix, statusChanged } from '../testing/test-messages';
import { OutboxRelay } from './outbox-relay';

const topic = Topics.tradesStatus;

describe(OutboxRelay.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let build: ChildBuild;
  let bus: KafkaBus;
  const outbox = new OutboxWriter();

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    build = buildForChildren();
    bus = new KafkaBus({ brokers: testBrokers(), clientId: 'relay-int-spec' });
    await bus.connect();
  }, 60_000);

  afterAll(async () => {
    await bus?.disconnect();
    await db?.drop();
    build?.remove();
  });

  const enqueue = (messages: OutboundMessage[]) =>
    db.dataSource.transaction((tx) => outbox.enqueue(tx, messages));
  const statuses = (prefix: string, count: number, keys: number): OutboundMessage[] =>
    Array.from({ length: count }, (_, i) => {
      const key = `${prefix}-acc${i % keys}`;
      return { topic, key, payload: statusChanged(key, i + 1) };
    });
  const relayAll = async (relay: OutboxRelay) => {
    while ((await relay.relayOnce()) > 0);
  };
  const ours = async (prefix: string, from: Map<number, string>): Promise<TopicRecord[]> =>
    (await readTopic(topic, from)).filter((r) => r.key.startsWith(prefix));
  const outboxState = async (ids: string[]) => {
    const [row] = await db.dataSource.query<{ published: string; in_doubt: string }[]>(
      `SELECT count(*) FILTER (WHERE published_at IS NOT NULL) AS published,
              count(*) FILTER (WHERE published_at IS NULL AND claimed_at IS NOT NULL) AS in_doubt
         FROM outbox WHERE message_id = ANY($1::uuid[])`,
      [ids],
    );
    return { published: Number(row.published), inDoubt: Number(row.in_doubt) };
  };

  it('puts every message on the topic exactly once although relays are killed between publish and mark', async () => {
    const prefix = runPrefix('relay-crash');
    const from = await highWatermarks(topic);
    const ids = await enqueue(statuses(prefix, 300, 10));
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testBrokers().join(','),
      RELAY_ID: `${prefix}-A`,
      RELAY_BATCH_SIZE: '50',
      RELAY_CRASH_AFTER_PUBLISH: '1',
    };

    // Relay A publishes its first 50 rows and dies before marking them.
    expect(await new Child(build, 'relay-child', env).exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await outboxState(ids)).toEqual({ published: 0, inDoubt: 50 });

    // Restarted under the same id, it takes its rows back at once, finds them on the topic and marks them
    // without sending them again; then it publishes 50 more and dies again.
    expect(await new Child(build, 'relay-child', env).exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await outboxState(ids)).toEqual({ published: 50, inDoubt: 50 });

    // Another relay leaves A's claims alone while A's lease runs (and, to keep each account's order, the
    // later rows of the same accounts too), then settles the rows in doubt and publishes the rest.
    const relayB = new OutboxRelay(
      db.dataSource,
      bus,
      { relayId: `${prefix}-B`, leaseMs: 1_500 },
      recordingTelemetry(),
    );
    expect(await relayB.relayOnce()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await relayAll(relayB);
    expect(await outboxState(ids)).toEqual({ published: 300, inDoubt: 0 });

    const records = await ours(prefix, from);
    const seen = records.map((r) => r.headers[Headers.messageId]);
    expect(seen).toHaveLength(300);
    expect(new Set(seen)).toEqual(new Set(ids));
  }, 120_000);

  it('publishes nothing of a rolled-back transaction', async () => {
    const prefix = runPrefix('relay-rollback');
    const from = await highWatermarks(topic);
    await expect(
      db.dataSource.transaction(async (tx) => {
        await outbox.enqueue(tx, statuses(`${prefix}-rolled-back`, 3, 1));
        throw new Error('the business rule failed after the messages were written');
      }),
    ).rejects.toThrow(/business rule/);
    const [committed] = await enqueue(statuses(`${prefix}-committed`, 1, 1));
    await relayAll(new OutboxRelay(db.dataSource, bus, {}, recordingTelemetry()));

    const records = await ours(prefix, from);
    expect(records.map((r) => r.headers[Headers.messageId])).toEqual([committed]);
    expect(records[0].headers[Headers.correlationId]).toBeDefined();
  }, 60_000);

  it('keeps each account in order while several relays share the outbox', async () => {
    const prefix = runPrefix('relay-order');
    const from = await highWatermarks(topic);
    await enqueue(statuses(prefix, 400, 4));
    const relays = [7, 13, 29].map(
      (batchSize, i) =>
        new OutboxRelay(db.dataSource, bus, { relayId: `${prefix}-${i}`, batchSize, idleMs: 10 }),
    );
    await Promise.all(relays.map((r) => relayAll(r)));
    // A relay may stop while another still holds rows that block it: go round once more.
    await Promise.all(relays.map((r) => relayAll(r)));

    const records = await ours(prefix, from);
    expect(records).toHaveLength(400);
    const versionsByKey = new Map<string, number[]>();
    for (const r of records) {
      const { version } = JSON.parse(r.value) as TradeStatusChanged;
      versionsByKey.set(r.key, [...(versionsByKey.get(r.key) ?? []), version]);
    }
    for (const versions of versionsByKey.values()) {
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
  }, 60_000);
});
