import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark, BenchResult } from './bench.types';
import { calastoneAdapterBenchmark } from './calastone.bench';
import { casieAdapterBenchmark } from './casie.bench';
import { outboxRelayBenchmark } from './outbox-relay.bench';
import { uploadBenchmark } from './upload.bench';
import { toTable } from './report';

const BENCHMARKS: Benchmark[] = [
  outboxRelayBenchmark,
  uploadBenchmark,
  casieAdapterBenchmark,
  calastoneAdapterBenchmark,
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name));
  if (selected.length === 0) {
    console.error(
      `unknown benchmark: ${wanted.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const results: BenchResult[] = [];
  for (const benchmark of selected) {
    console.error(`▶ ${benchmark.name}: ${benchmark.description}`);
    results.push(...(await benchmark.run()));
  }
  const dir = join(__dirname, '..', '..', '..', '.local', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(toTable(results));
  console.log(JSON.stringify(results));
  process.exit(0);
}

void main();
