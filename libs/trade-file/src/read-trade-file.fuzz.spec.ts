import { HEADER, readAll, seededRandom, tradeLine } from '../test-fixtures/trade-file.fixtures';
import { readTradeFile } from './read-trade-file';
import { TradeFileError } from './trade-file.error';
import type { TradeFileRow } from './trade-columns';

const random = seededRandom(20261204);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];

const valid = Buffer.from(
  `\uFEFF${HEADER}\r\n${Array.from({ length: 12 }, (_, i) => tradeLine(i + 1)).join('\r\n')}\r\n"a,""b""",x,y,z,1,EUR,,2026-12-04,,"multi\nline é"\r\n`,
);
// Bytes that matter to the parser: separators, quotes, line ends, UTF-8 lead and continuation bytes, NUL.
const nasty = [
  0x2c, 0x22, 0x0d, 0x0a, 0x3b, 0x09, 0x20, 0x00, 0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0xff, 0xef, 0xbb,
];

function randomBytes(): Buffer {
  const length = int(3) === 0 ? int(16) : int(3000);
  const alphabet = int(2) === 0 ? undefined : Buffer.from(`${HEADER}",\r\n 0123456789é€`);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++)
    bytes[i] = alphabet === undefined ? int(256) : alphabet[int(alphabet.length)];
  if (int(10) === 0) bytes.set([0x50, 0x4b, 0x03, 0x04].slice(0, length));
  return bytes;
}

function mutated(): Buffer {
  let bytes = Buffer.from(valid);
  for (let m = 1 + int(4); m > 0; m--) {
    const at = int(bytes.length + 1);
    switch (int(5)) {
      case 0:
        bytes[Math.min(at, bytes.length - 1)] = pick(nasty);
        break;
      case 1:
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(nasty)]), bytes.subarray(at)]);
        break;
      case 2:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + int(40))]);
        break;
      case 3:
        bytes = bytes.subarray(0, at);
        break;
      default:
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          bytes.subarray(int(bytes.length), int(bytes.length)),
          bytes.subarray(at),
        ]);
    }
  }
  return bytes;
}

async function outcomeOf(bytes: Buffer): Promise<TradeFileRow[] | TradeFileError> {
  const sizes = Array.from({ length: 5 }, () => 1 + int(700));
  try {
    return await readAll(bytes, { maxRows: 50, maxBytes: 2500 }, sizes);
  } catch (error) {
    if (error instanceof TradeFileError) return error;
    throw new Error(`not a TradeFileError for ${bytes.toString('base64')}: ${String(error)}`);
  }
}

function expectWellFormed(outcome: TradeFileRow[] | TradeFileError): void {
  if (outcome instanceof TradeFileError) {
    expect(outcome.message.length).toBeGreaterThan(20);
    expect(outcome.httpStatus).toBeGreaterThanOrEqual(400);
    return;
  }
  let previous = 0;
  for (const { row, cells } of outcome) {
    expect(row).toBeGreaterThan(previous);
    previous = row;
    for (const cell of Object.values(cells)) expect(cell).toBe(cell.trim());
  }
}

describe(readTradeFile.name, () => {
  it('either yields rows or throws a TradeFileError for 2,000 random byte buffers', async () => {
    for (let run = 0; run < 2000; run++) expectWellFormed(await outcomeOf(randomBytes()));
  });

  it('either yields rows or throws a TradeFileError for 2,000 mutations of a valid file', async () => {
    const codes = new Set<string>();
    for (let run = 0; run < 2000; run++) {
      const outcome = await outcomeOf(mutated());
      expectWellFormed(outcome);
      codes.add(outcome instanceof TradeFileError ? outcome.code : 'ACCEPTED');
    }
    // The mutations must reach deep into the reader, not just trip the first check.
    expect([...codes].sort()).toEqual(
      expect.arrayContaining(['ACCEPTED', 'BAD_ENCODING', 'MALFORMED_CSV', 'TOO_LARGE', 'NOT_CSV_OR_XLSX']),
    );
  });
});
