import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface KafkaPerfResult {
  records: number;
  recordSize: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
}

/** Kafka's own ProducerPerformance against the local broker, for the same count and size. */
export function kafkaProducerPerf(topic: string, records: number, recordSize: number): KafkaPerfResult {
  const script = join(__dirname, '..', '..', '..', 'tools', 'services', 'kafka-perf.sh');
  const out = execFileSync(
    'bash',
    [script, '--topic', topic, '--num-records', String(records), '--record-size', String(recordSize)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as KafkaPerfResult;
}
