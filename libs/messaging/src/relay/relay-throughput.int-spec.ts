import { createLedgerDataSource } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import { EmbeddedBus } from '../bus/embedded-bus';
import { defaultKafkaTopics, KafkaBus } from '../bus/kafka-bus';
import type { MessageBus } from '../bus/message-bus';
import { highWatermarks, testBrokers } from '../testing/kafka-test-kit';
import { recordingTelemetry } from '../testing/recording-telemetry';
import { OutboxRelay } from './outbox-relay';

// A benchmark, not a guarantee: MESSAGING_BENCH=1 runs it (numbers in docs/decisions/0001-kafka-client.md).
const bench = process.env.MESSAGING_BENCH === '1' ? describe : describe.skip;
const COUNT = Number(process.env.MESSAGING_BENCH_COUNT ?? 20_000);
const BENCH_TOPIC = 'bench.relay.v1';

bench('outbox relay throughput', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('relay_bench');
  });

  afterAll(async () => {
    await db?.drop();
  });

  // 512-byte JSON payloads, 100 accounts, written straight into the outbox.
  const fill = (dataSource = db.dataSource) =>
    dataSource.query(
      `INSERT INTO outbox (message_id, topic, key, payload, headers)
       SELECT gen_random_uuid(), $1, 'ACC' || (i % 100),
              jsonb_build_object('n', i, 'data', repeat('x', 512 - 20 - length(i::text))), '{}'
         FROM generate_series(1, $2) AS i`,
      [BENCH_TOPIC, COUNT],
    );

  async function measure(
    dataSource: typeof db.dataSource,
    bus: MessageBus,
    batchSize: number,
  ): Promise<number> {
    await dataSource.query('TRUNCATE outbox');
    await fill(dataSource);
    const relay = new OutboxRelay(dataSource, bus, { batchSize }, recordingTelemetry());
    const started = performance.now();
    while ((await relay.relayOnce()) > 0);
    const rate = Math.round(COUNT / ((performance.now() - started) / 1_000));
    const [{ open }] = await dataSource.query<{ open: string }[]>(
      'SELECT count(*) AS open FROM outbox WHERE published_at IS NULL',
    );
    expect(Number(open)).toBe(0);
    return rate;
  }

  it(`relays ${COUNT} messages of 512 B to Kafka`, async () => {
    const bus = new KafkaBus({
      brokers: testBrokers(),
      clientId: 'relay-bench',
      topics: [...defaultKafkaTopics(), BENCH_TOPIC],
    });
    await bus.connect();
    try {
      const before = await highWatermarks(BENCH_TOPIC);
      for (const batchSize of [200, 500, 1_000]) {
        console.log(
          `kafka relay, batch ${batchSize}: ${await measure(db.dataSource, bus, batchSize)} messages/s`,
        );
      }
      // The per-account order guard of the claim probes this index when it exists (asked of the ledger).
      await db.dataSource.query(
        'CREATE INDEX outbox_pending_key ON outbox (topic, key, id) WHERE published_at IS NULL',
      );
      console.log(`kafka relay, batch 500, key index: ${await measure(db.dataSource, bus, 500)} messages/s`);
      const after = await highWatermarks(BENCH_TOPIC);
      const written = [...after].reduce(
        (n, [p, high]) => n + Number(BigInt(high) - BigInt(before.get(p) ?? '0')),
        0,
      );
      expect(written).toBe(4 * COUNT);
    } finally {
      await bus.disconnect();
    }
  }, 300_000);

  it(`relays ${COUNT} messages of 512 B to the embedded log on one connection`, async () => {
    const single = createLedgerDataSource({ url: db.url, poolSize: 1 });
    await single.initialize();
    try {
      const bus = new EmbeddedBus(single);
      await bus.connect();
      console.log(`embedded relay, batch 500: ${await measure(single, bus, 500)} messages/s`);
    } finally {
      await single.destroy();
    }
  }, 300_000);
});
