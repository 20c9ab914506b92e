import { createLedgerDataSource } from '@contingency/ledger';
import { KafkaBus } from '../bus/kafka-bus';
import { CrashingOutboxRelay } from './crashing-outbox-relay';
import { recordingTelemetry } from './recording-telemetry';

// Child process of outbox-relay.int-spec.ts: relays until the outbox is empty, or crashes on purpose.
async function main(): Promise<void> {
  const env = (name: string) => process.env[name] ?? raise(`${name} is not set`);
  const dataSource = createLedgerDataSource({ url: env('DATABASE_URL'), poolSize: 2 });
  await dataSource.initialize();
  const bus = new KafkaBus({ brokers: env('KAFKA_BROKERS').split(','), clientId: 'relay-child' });
  const relay = new CrashingOutboxRelay(
    dataSource,
    bus,
    { relayId: env('RELAY_ID'), batchSize: Number(env('RELAY_BATCH_SIZE')) },
    recordingTelemetry(),
  );
  for (let handled = await relay.relayOnce(); handled > 0; handled = await relay.relayOnce()) {
    process.stdout.write(`${JSON.stringify({ relayed: handled })}\n`);
  }
  process.stdout.write(`${JSON.stringify({ done: true })}\n`);
  await bus.disconnect();
  await dataSource.destroy();
}

function raise(message: string): never {
  throw new Error(message);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
