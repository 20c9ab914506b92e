// Parse throughput and memory of readTradeFile on generated CSVs streamed from memory (no disk):
//   npx swc libs -d dist && node dist/libs/trade-file/bench/parse.bench.js
// Prints one JSON line per case.
import { generatedCsv, OPTIONS } from '../test-fixtures/trade-file.fixtures';
import { readTradeFile } from '../src/read-trade-file';

export interface ParseBenchResult {
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly rowsPerSec: number;
  readonly mbPerSec: number;
  readonly peakRssMb: number;
}

const CASES = [
  { name: 'trade-file.parse.csv.100k', rows: 100_000 },
  { name: 'trade-file.parse.csv.1m', rows: 1_000_000 },
];

export async function run(print: (line: string) => void = console.log): Promise<ParseBenchResult[]> {
  const results: ParseBenchResult[] = [];
  for (const { name, rows: expected } of CASES) {
    let bytes = 0;
    const counted = async function* (): AsyncGenerator<Buffer> {
      for await (const chunk of generatedCsv(expected)) {
        bytes += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    };
    let rows = 0;
    let peakRss = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    for await (const _row of readTradeFile(counted(), OPTIONS)) {
      if (++rows % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (rows !== expected) throw new Error(`${name}: read ${rows} rows, expected ${expected}`);
    const result = {
      name,
      rows,
      bytes,
      seconds: round(seconds, 3),
      rowsPerSec: Math.round(rows / seconds),
      mbPerSec: round(bytes / 1e6 / seconds, 1),
      peakRssMb: round(peakRss / 1024 / 1024, 1),
    };
    print(JSON.stringify(result));
    results.push(result);
  }
  return results;
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
