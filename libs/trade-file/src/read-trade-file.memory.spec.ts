import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generatedCsv, OPTIONS } from '../test-fixtures/trade-file.fixtures';
import { readTradeFile } from './read-trade-file';

// Jest runs without --expose-gc; this turns it on for this worker so retained memory can be measured.
function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe(readTradeFile.name, () => {
  it('streams 1,000,000 rows with bounded memory (retained heap grows < 50 MB)', async () => {
    const gc = forcedGc();
    gc();
    const before = process.memoryUsage().heapUsed;
    let rows = 0;
    let peakGrowth = 0;
    for await (const row of readTradeFile(generatedCsv(1_000_000), OPTIONS)) {
      rows++;
      if (row.row % 100_000 === 0) {
        gc();
        peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - before);
      }
    }
    expect(rows).toBe(1_000_000);
    expect(peakGrowth).toBeLessThan(50 * 1024 * 1024);
  }, 60_000);
});
