import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { createLedgerDataSource, OutboxWriter } from '@contingency/ledger';
import { KafkaBus } from '../bus/kafka-bus';
import { ConsumerHost } from '../consumer/consumer-host';
import type { InboundMessage } from '../consumer/inbound-message';
import { MessageConsumer, OnMessage } from '../consumer/message-consumer.decorators';
import { DEFAULT_RETRY_POLICY } from '../consumer/retry-policy';
import { recordingTelemetry } from './recording-telemetry';

// Child process of kafka-consumer.int-spec.ts: consumes ta.acks.v1, writing one row per message in the
// handler's transaction; SIGKILLed by the test while it hangs on SLOW_ORDER_REF, stopped by SIGTERM.
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

@MessageConsumer('effects-test')
class EffectsConsumer {
  @OnMessage(Topics.taAcks)
  async onAck(message: InboundMessage<typeof Topics.taAcks>, tx: EntityManager): Promise<void> {
    if (!message.key.startsWith(env('KEY_PREFIX'))) return;
    if (message.payload.orderRef === process.env.SLOW_ORDER_REF) {
      say({ hanging: message.payload.orderRef });
      await new Promise((resolve) => setTimeout(resolve, 600_000));
    }
    await tx.query(
      'INSERT INTO test_effects (consumer, message_id, key, order_ref) VALUES ($1, $2, $3, $4)',
      ['effects-test', message.messageId, message.key, message.payload.orderRef],
    );
  }
}

async function main(): Promise<void> {
  const dataSource = createLedgerDataSource({ url: env('DATABASE_URL'), poolSize: 2 });
  await dataSource.initialize();
  const bus = new KafkaBus({
    brokers: env('KAFKA_BROKERS').split(','),
    clientId: 'consumer-child',
    // Commit only at the end of each fetched batch, so that a kill mid-batch leaves work to redeliver;
    // a short session so that the restarted consumer does not wait 30 s for the killed one to be dropped.
    consumer: { commitThreshold: 1_000_000, commitIntervalMs: 600_000, sessionTimeoutMs: 8_000 },
  });
  const host = new ConsumerHost({
    bus,
    dataSource,
    outbox: new OutboxWriter(),
    telemetry: recordingTelemetry(({ outcome }) => say({ outcome })),
    retry: DEFAULT_RETRY_POLICY,
    groupPrefix: env('GROUP_PREFIX'),
  });
  const { ready } = await host.start([new EffectsConsumer()]);
  await ready;
  say({ ready: true });
  process.once('SIGTERM', () => {
    void (async () => {
      await host.stop();
      await bus.disconnect();
      await dataSource.destroy();
      say({ stopped: true });
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
