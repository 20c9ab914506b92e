import { Test, type TestingModule } from '@nestjs/testing';
import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { LedgerModule } from '@contingency/ledger';
import { HealthRegistry, MetricsRegistry, ObservabilityModule } from '@contingency/observability';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { KafkaBus } from '../bus/kafka-bus';
import type { InboundMessage } from '../consumer/inbound-message';
import { MessageConsumer, OnMessage } from '../consumer/message-consumer.decorators';
import { ExternalPublisher } from '../external-publisher';
import { pinGroupToEnd, testBrokers } from '../testing/kafka-test-kit';
import { recordingTelemetry } from '../testing/recording-telemetry';
import { runPrefix, taAck } from '../testing/test-messages';
import { MessagingModule } from './messaging.module';
import { MessagingRuntime } from './messaging.runtime';

@MessageConsumer('module-test')
class AckRecorder {
  readonly seen: InboundMessage<typeof Topics.taAcks>[] = [];

  @OnMessage(Topics.taAcks)
  onAck(message: InboundMessage<typeof Topics.taAcks>, _tx: EntityManager): Promise<void> {
    this.seen.push(message);
    return Promise.resolve();
  }
}

describe(MessagingModule.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('messaging_module');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('runs the discovered consumers on Kafka, reports readiness and metrics, and stops gracefully', async () => {
    const prefix = runPrefix('module');
    const groupPrefix = `${prefix}.`;
    await pinGroupToEnd(`${groupPrefix}module-test`, [Topics.taAcks]);
    const app: TestingModule = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ service: 'module-test', logLevel: 'error' }),
        LedgerModule.forDataSource(db.dataSource),
        MessagingModule.forRoot({
          bus: 'kafka',
          brokers: testBrokers(),
          clientId: 'module-test',
          consumers: true,
          relay: true,
          groupPrefix,
        }),
      ],
      providers: [AckRecorder],
    }).compile();
    await app.init();
    try {
      await app.get(MessagingRuntime).ready();
      // The TA simulator's way in: no outbox, no message id (the consumer hashes the content).
      await app.get(ExternalPublisher).publish(Topics.taAcks, `${prefix}-acc`, taAck(`${prefix}-1`));

      // Other test files publish on the same contract topic meanwhile: look only at this run's messages.
      const recorder = app.get(AckRecorder);
      const ours = () => recorder.seen.filter((m) => m.payload.orderRef.startsWith(prefix));
      await expectEventually(() => expect(ours().map((m) => m.payload.orderRef)).toEqual([`${prefix}-1`]), {
        timeoutMs: 20_000,
      });
      expect(ours()[0]).toMatchObject({ key: `${prefix}-acc`, attempt: 1, topic: Topics.taAcks });
      expect(ours()[0].messageId).toMatch(/^[0-9a-f-]{36}$/);

      expect((await app.get(HealthRegistry).readiness()).checks.kafka).toMatchObject({ status: 'ok' });
      const metrics = await app.get(MetricsRegistry).metrics();
      expect(metrics).toMatch(/module_test_messages_produced_total\{topic="ta.acks.v1"\} 1/);
      expect(metrics).toMatch(/module_test_messages_consumed_total\{topic="ta.acks.v1"\} [1-9]\d*\n/);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('fails the readiness check quickly when the broker cannot be reached', async () => {
    const logger = recordingTelemetry().logger;
    const bus = new KafkaBus({
      brokers: ['127.0.0.1:1'],
      clientId: 'unreachable',
      healthTimeoutMs: 500,
      logger,
    });
    await expect(bus.checkHealth()).rejects.toThrow(/within 500 ms|ECONNREFUSED/);
    // kafkajs keeps retrying the connection for some seconds: let it give up before the test ends.
    await expect(bus.connect()).rejects.toThrow();
    await bus.disconnect();
  }, 30_000);
});
