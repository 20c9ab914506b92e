// Parse throughput and memory of readTradeFile: generated CSVs streamed from memory, and an XLSX written
// first to a temp file by exceljs's streaming writer, then streamed from disk:
//   npx swc libs -d dist && node dist/libs/trade-file/bench/parse.bench.js
// Prints one JSON line per case.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generatedCsv, OPTIONS } from '../test-fixtures/trade-file.fixtures';
import { TRADE_HEADER } from '../test-fixtures/xlsx.fixtures';
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

interface BenchCase {
  readonly name: string;
  readonly rows: number;
  /** Bytes of the file, streamed; `bytes` says how many went by. */
  readonly open: () => Promise<{ source: AsyncIterable<Buffer>; cleanUp?: () => Promise<void> }>;
}

const CASES: readonly BenchCase[] = [
  {
    name: 'trade-file.parse.csv.100k',
    rows: 100_000,
    open: () => Promise.resolve({ source: generatedCsv(100_000) }),
  },
  {
    name: 'trade-file.parse.csv.1m',
    rows: 1_000_000,
    open: () => Promise.resolve({ source: generatedCsv(1_000_000) }),
  },
  { name: 'trade-file.parse.xlsx.100k', rows: 100_000, open: () => xlsxFile(100_000) },
];

export async function run(print: (line: string) => void = console.log): Promise<ParseBenchResult[]> {
  const results: ParseBenchResult[] = [];
  for (const { name, rows: expected, open } of CASES) {
    const { source, cleanUp } = await open();
    let bytes = 0;
    const counted = async function* (): AsyncGenerator<Buffer> {
      for await (const chunk of source) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    try {
      let rows = 0;
      let peakRss = process.memoryUsage().rss;
      const started = process.hrtime.bigint();
      for await (const _row of readTradeFile(counted(), { ...OPTIONS, fileName: name })) {
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
    } finally {
      await cleanUp?.();
    }
  }
  return results;
}

// The shape large exports have: exceljs's streaming writer, shared strings, numbers and dates as such.
async function xlsxFile(
  rows: number,
): Promise<{ source: AsyncIterable<Buffer>; cleanUp: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'trade-file-bench-'));
  const filename = join(folder, `trades-${rows}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Trades');
  sheet.addRow([...TRADE_HEADER]).commit();
  const tradeDate = new Date(Date.UTC(2026, 11, 4));
  const settlementDate = new Date(Date.UTC(2026, 11, 8));
  for (let i = 1; i <= rows; i++) {
    sheet
      .addRow([
        `REF-${i}`,
        'SUBSCRIPTION',
        'LU0000000001',
        `ACC-${i % 97}`,
        1000 + i + 0.5,
        'EUR',
        null,
        tradeDate,
        settlementDate,
        `row ${i}`,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  console.error(`(generated ${filename}, ${(await stat(filename)).size} bytes)`);
  return {
    source: createReadStream(filename, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>,
    cleanUp: () => rm(folder, { recursive: true, force: true }),
  };
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
