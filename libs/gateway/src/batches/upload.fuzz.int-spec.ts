import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTestDatabase } from '@contingency/testing';
import { BatchUpload } from './batch-upload.service';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { afterOneRefusal, ledgerSnapshot } from './testing/ledger-snapshot';
import { testPrincipal } from '@contingency/testing';
import { HEADER, tradeCsv, tradeLine } from './testing/trade-file.samples';
import { uploadFile } from './testing/upload-client';

const OPERATOR = testPrincipal('ops-fuzz', 'operator');
const CASES = 200;

/** mulberry32: reproducible, so a failing case can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['"', ',', '\r', '\n', '\0', '\xff', '\ufeff', ';', '\t', '=', '""', '\r\n\r\n', 'é', '\ud83d'];

function randomBytes(random: () => number): Buffer {
  const length = Math.floor(random() ** 2 * 5_000);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  // Sometimes a plausible start, so the reader gets past the sniffing.
  if (random() < 0.3) return Buffer.concat([Buffer.from('client_ref,order_type\r\n'), bytes]);
  if (random() < 0.2) return Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), bytes]);
  return bytes;
}

function mutatedCsv(random: () => number): Buffer {
  let text = tradeCsv(1 + Math.floor(random() * 30), `F${Math.floor(random() * 1e9)}`);
  const mutations = 1 + Math.floor(random() * 6);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(random() * text.length);
    const choice = random();
    if (choice < 0.4) text = text.slice(0, at) + NASTY[Math.floor(random() * NASTY.length)] + text.slice(at);
    else if (choice < 0.6) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 40));
    else if (choice < 0.7) text = text.slice(0, at);
    else if (choice < 0.8)
      text = text.replace('client_ref', random() < 0.5 ? 'Client Ref' : 'client_ref,client_ref');
    else if (choice < 0.9) text = text.slice(at) + text.slice(0, at);
    else text = text.slice(0, at) + 'x'.repeat(Math.floor(random() * 20_000)) + text.slice(at);
  }
  const bytes = Buffer.from(text, 'utf8');
  if (random() < 0.2 && bytes.length > 0)
    bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
  return bytes;
}

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Trades');
  sheet.addRow(HEADER.split(','));
  for (let i = 1; i <= 20; i++) sheet.addRow(tradeLine(i, 'X').split(','));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function mutatedXlsx(random: () => number, base: Buffer): Buffer {
  const bytes = Buffer.from(base);
  const choice = random();
  if (choice < 0.3) return bytes.subarray(0, Math.floor(random() * bytes.length));
  const flips = 1 + Math.floor(random() * 20);
  for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
  return choice < 0.6 ? bytes : Buffer.concat([bytes, bytes.subarray(0, Math.floor(random() * 2_000))]);
}

describe(`${BatchUpload.name} fuzz`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: BatchesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('upload_fuzz');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'));
    server = await startBatchesTestApp(db.dataSource, { dataDir, maxBytes: 64 * 1024, maxRows: 25 });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['random bytes', 0x5eed, randomBytes],
    ['mutated CSV', 0xc5f, mutatedCsv],
    ['mutated XLSX', 0x715, mutatedXlsx],
  ])(
    `${CASES} uploads of %s: never a 5xx, and a refused file leaves one FAILED batch and nothing else`,
    async (_what, seed, make) => {
      const random = seeded(seed);
      const base = await workbook();
      const statuses = new Map<number, number>();
      for (let i = 0; i < CASES; i++) {
        const bytes = make(random, base);
        const before = await ledgerSnapshot(db.dataSource);
        const res = await uploadFile(server.api, OPERATOR, { name: `fuzz-${i}.csv`, bytes });
        const after = await ledgerSnapshot(db.dataSource);
        const context = { case: i, seed, status: res.status, body: res.body as unknown };
        expect({
          ...context,
          ok: (res.status < 500 && typeof res.body?.error?.code === 'string') || res.status === 202,
        }).toEqual({ ...context, ok: true });
        if (res.status === 202) {
          const [{ total_rows: rows }] = await db.dataSource.query(
            'SELECT total_rows FROM batches WHERE id = $1',
            [res.body.id],
          );
          expect(after).toEqual({
            ...before,
            batches: before.batches + 1,
            trades: before.trades + rows,
            history: before.history + rows,
            outbox: before.outbox + rows,
          });
        } else {
          expect({ ...context, after }).toEqual({ ...context, after: afterOneRefusal(before) });
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
      // The corpus must exercise both outcomes to mean anything.
      expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    },
    180_000,
  );
});
