import type { DataSource, EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { createLedgerDataSource, OutboxWriter, runMigrations } from '@contingency/ledger';
import { expectEventually } from '@contingency/testing';
import { ConsumerHost } from '../consumer/consumer-host';
import { RetryableError } from '../consumer/handler-errors';
import type { InboundMessage } from '../consumer/inbound-message';
import { MessageConsumer, OnMessage } from '../consumer/message-consumer.decorators';
import { OutboxRelay } from '../relay/outbox-relay';
import { buildForChildren, Child, type ChildBuild } from '../testing/child-processes';
import { recordingTelemetry } from '../testing/recording-telemetry';
import { taAck } from '../testing/test-messages';
import { EmbeddedBus } from './embedded-bus';

@MessageConsumer('pglite-test')
class PgliteConsumer {
  @OnMessage(Topics.taAcks)
  async onAck(m: InboundMessage<typeof Topics.taAcks>, tx: EntityManager): Promise<void> {
    if (m.payload.orderRef.endsWith('later') && m.attempt === 1) throw new RetryableError('DOWN', 'not yet');
    await tx.query('INSERT INTO test_effects (order_ref, attempt) VALUES ($1, $2)', [
      m.payload.orderRef,
      m.attempt,
    ]);
  }
}

// The standalone mode's real database: PGlite behind its socket server, one connection for everything.
describe(`${EmbeddedBus.name} on PGlite`, () => {
  let build: ChildBuild;
  let server: Child;
  let dataSource: DataSource;

  beforeAll(async () => {
    build = buildForChildren();
    server = new Child(build, 'pglite-child', {});
    await server.waitFor((l) => typeof l.url === 'string');
    dataSource = createLedgerDataSource({ url: String(server.lines[0].url), poolSize: 1 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.query(
      'CREATE TABLE test_effects (id bigserial PRIMARY KEY, order_ref text, attempt int)',
    );
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    server?.terminate();
    await server?.exited;
    build?.remove();
  });

  it('relays, consumes, redelivers later and skips duplicates', async () => {
    const telemetry = recordingTelemetry();
    const bus = new EmbeddedBus(dataSource);
    await bus.connect();
    const relay = new OutboxRelay(dataSource, bus, { idleMs: 20 }, telemetry);
    const outbox = new OutboxWriter();
    const retry = {
      quickTries: 1,
      quickBackoff: { baseMs: 10, maxMs: 10 },
      delayedBackoff: { baseMs: 200, maxMs: 200 },
      maxAttempts: 3,
    };
    const host = new ConsumerHost({ bus, dataSource, outbox, telemetry, retry });
    relay.start();
    await (
      await host.start([new PgliteConsumer()])
    ).ready;
    try {
      await dataSource.transaction((tx) =>
        outbox.enqueue(
          tx,
          ['a-1', 'a-2-later', 'a-3'].map((ref) => ({
            topic: Topics.taAcks,
            key: 'ACC1',
            payload: taAck(ref),
          })),
        ),
      );
      await expectEventually(async () =>
        expect(await dataSource.query('SELECT order_ref, attempt FROM test_effects ORDER BY id')).toEqual([
          { order_ref: 'a-1', attempt: 1 },
          { order_ref: 'a-3', attempt: 1 },
          { order_ref: 'a-2-later', attempt: 2 },
        ]),
      );
      // Delivered again from the start (as after a crash before the offsets moved): recognised, not applied.
      await host.stop();
      await dataSource.query('UPDATE bus_offsets SET next_seq = 0');
      await (
        await host.start([new PgliteConsumer()])
      ).ready;
      await expectEventually(() => expect(telemetry.count('duplicate')).toBe(4));
      expect(await dataSource.query('SELECT count(*)::int AS n FROM test_effects')).toEqual([{ n: 3 }]);
    } finally {
      await host.stop();
      await relay.stop();
    }
  }, 60_000);
});
