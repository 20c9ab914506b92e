import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { afterOneRefusal, lastFailedBatch, ledgerSnapshot } from './testing/ledger-snapshot';
import { testPrincipal } from '@contingency/testing';
import { HEADER, tradeCsv, tradeLine, runTag } from './testing/trade-file.samples';
import { postStream, uploadFile } from './testing/upload-client';
import { BatchUpload } from './batch-upload.service';

const OPERATOR = testPrincipal('ops-refusals', 'operator');

describe(`${BatchUpload.name} refusals`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: BatchesTestApp;
  let small: BatchesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('upload_refusals');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'));
    server = await startBatchesTestApp(db.dataSource, { dataDir });
    small = await startBatchesTestApp(db.dataSource, { dataDir, maxBytes: 20_000, maxRows: 50 });
  });

  afterAll(async () => {
    await small?.close();
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function expectRefused(
    app: BatchesTestApp,
    file: Parameters<typeof uploadFile>[2],
    status: number,
    code: string,
    shownAs = file.name,
  ): Promise<string> {
    const before = await ledgerSnapshot(db.dataSource);
    const res = await uploadFile(app.api, OPERATOR, file);
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
    expect(typeof res.body.error.message).toBe('string');
    await expectOneFailedBatch(before, code, res.body.error.message as string, shownAs);
    return res.body.error.message as string;
  }

  /** No batch taken, no trade, no message: only the refused file, as a FAILED batch with its refusal. */
  async function expectOneFailedBatch(
    before: Awaited<ReturnType<typeof ledgerSnapshot>>,
    code: string,
    message: string,
    fileName: string,
  ): Promise<void> {
    expect(await ledgerSnapshot(db.dataSource)).toEqual(afterOneRefusal(before));
    expect(await lastFailedBatch(db.dataSource)).toMatchObject({
      fileName,
      uploadedBy: 'ops-refusals',
      failureCode: code,
      failureMessage: message,
    });
  }

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 415, 'NOT_CSV_OR_XLSX'],
    [
      'a PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      415,
      'NOT_CSV_OR_XLSX',
    ],
    [
      'bad UTF-8',
      Buffer.concat([
        Buffer.from(`${HEADER}\r\nR-1,SUBSCRIPTION,IE00B4L5Y983,ACC,10.00,EUR,,2030-01-07,,caf`),
        Buffer.from([0xe9]),
        Buffer.from('\r\n'),
      ]),
      422,
      'BAD_ENCODING',
    ],
    [
      'a missing column',
      'client_ref,order_type,fund_isin,account_id,amount,currency,trade_date\r\nR,SUBSCRIPTION,IE00B4L5Y983,A,1,EUR,2030-01-07\r\n',
      422,
      'MISSING_COLUMNS',
    ],
    ['an unknown column', `${HEADER},price\r\n${tradeLine(1)},12\r\n`, 422, 'UNKNOWN_COLUMNS'],
    ['a header only', `${HEADER}\r\n\r\n`, 422, 'EMPTY_FILE'],
    ['an empty file', '', 422, 'EMPTY_FILE'],
    ['blank lines only', '\r\n\r\n  \r\n', 422, 'EMPTY_FILE'],
  ])(
    'refuses %s with the exact status and code, and records only a FAILED batch',
    async (_what, bytes, status, code) => {
      await expectRefused(server, { name: 'trades.csv', bytes }, status, code);
    },
  );

  it('refuses a file over the byte limit with 413 TOO_LARGE', async () => {
    const message = await expectRefused(
      small,
      { name: 'big.csv', bytes: tradeCsv(40).repeat(10) },
      413,
      'TOO_LARGE',
    );
    expect(message).toMatch(/20000 bytes/);
  });

  it('refuses a file over the row limit with 413 TOO_LARGE', async () => {
    const message = await expectRefused(small, { name: 'long.csv', bytes: tradeCsv(51) }, 413, 'TOO_LARGE');
    expect(message).toMatch(/50 data rows/);
  });

  it('refuses a stream far over the limit without reading it into memory, and still answers', async () => {
    function* endless(): Generator<Buffer> {
      yield Buffer.from(`${HEADER}\r\n`);
      const line = Buffer.from(`${tradeLine(1)}\r\n`.repeat(1000));
      for (let sent = 0; sent < 5_000_000; sent += line.length) yield line;
    }
    await expectRefused(small, { name: 'huge.csv', bytes: endless() }, 413, 'TOO_LARGE');
  });

  it('refuses a file whose CSV breaks after 3,000 good rows, leaving no trade or message', async () => {
    const tag = runTag();
    const good = Array.from({ length: 3_000 }, (_, i) => tradeLine(i + 1, tag)).join('\r\n');
    const file = `${HEADER}\r\n${good}\r\n"unterminated,SUBSCRIPTION,IE00B4L5Y983,A,1,EUR,,2030-01-07,,\r\n`;
    const message = await expectRefused(server, { name: 'broken.csv', bytes: file }, 422, 'MALFORMED_CSV');
    expect(message).toMatch(/line 3002|row 3001/);
  });

  it('refuses the same bytes twice with 409 DUPLICATE_FILE naming the first batch', async () => {
    const file = { name: 'once.csv', bytes: tradeCsv(5) };
    const first = await uploadFile(server.api, OPERATOR, file);
    expect(first.status).toBe(202);
    const before = await ledgerSnapshot(db.dataSource);
    const again = await uploadFile(server.api, testPrincipal('someone-else', 'operator'), {
      ...file,
      name: 'again.csv',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'DUPLICATE_FILE',
      details: { existingBatchId: first.body.id },
    });
    expect(again.body.error.message).toContain(first.body.id);
    expect(await ledgerSnapshot(db.dataSource)).toEqual(afterOneRefusal(before));
    expect(await lastFailedBatch(db.dataSource)).toMatchObject({
      fileName: 'again.csv',
      uploadedBy: 'someone-else',
      failureCode: 'DUPLICATE_FILE',
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    });
  });

  it('answers 400 FILE_REQUIRED when the form has no file field', async () => {
    await expectRefused(
      server,
      { name: 'trades.csv', bytes: tradeCsv(2), field: 'document' },
      400,
      'FILE_REQUIRED',
      'upload', // no file part, so no file name
    );
  });

  it('answers 415 MULTIPART_REQUIRED for a body that is not multipart/form-data', async () => {
    function* csv(): Generator<Buffer> {
      yield Buffer.from(tradeCsv(2));
    }
    const before = await ledgerSnapshot(db.dataSource);
    const res = await postStream(`${server.api}/batches`, OPERATOR, 'text/csv', csv());
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('MULTIPART_REQUIRED');
    await expectOneFailedBatch(before, 'MULTIPART_REQUIRED', res.body.error.message as string, 'upload');
  });

  it('answers 400 MALFORMED_MULTIPART for a multipart body without a boundary', async () => {
    function* csv(): Generator<Buffer> {
      yield Buffer.from(tradeCsv(2));
    }
    const before = await ledgerSnapshot(db.dataSource);
    const res = await postStream(`${server.api}/batches`, OPERATOR, 'multipart/form-data', csv());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_MULTIPART');
    await expectOneFailedBatch(before, 'MALFORMED_MULTIPART', res.body.error.message as string, 'upload');
  });

  it('answers 400 UPLOAD_INCOMPLETE for a multipart body cut short, and records no batch at all', async () => {
    const before = await ledgerSnapshot(db.dataSource);
    function* cut(): Generator<Buffer> {
      yield Buffer.from(
        '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\n\r\n' + tradeCsv(10),
      );
    }
    const res = await postStream(
      `${server.api}/batches`,
      OPERATOR,
      'multipart/form-data; boundary=b0undary',
      cut(),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('UPLOAD_INCOMPLETE');
    expect(await ledgerSnapshot(db.dataSource)).toEqual(before);
  });

  it('rolls back an upload whose client goes away mid-file, records no batch at all, and keeps serving', async () => {
    const before = await ledgerSnapshot(db.dataSource);
    const boundary = 'g0ne';
    await new Promise<void>((resolve) => {
      const req = request(`${server.api}/batches`, {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'x-test-principal': OPERATOR,
        },
      });
      req.on('error', () => resolve());
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gone.csv"\r\n\r\n`);
      // Past the first chunk of rows, so the transaction is open when the client vanishes.
      req.write(tradeCsv(2_500));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    await expectEventually(async () => {
      const [{ n }] = await db.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM audit_log WHERE details->>'fileName' = 'gone.csv'`,
      );
      expect(n).toBe(1);
    });
    expect(await ledgerSnapshot(db.dataSource)).toEqual(before);
    const next = await uploadFile(server.api, OPERATOR, { name: 'after.csv', bytes: tradeCsv(3) });
    expect(next.status).toBe(202);
  });

  it('lets a viewer not upload (403) and a caller without credentials neither (401)', async () => {
    const viewer = await uploadFile(server.api, testPrincipal('view-1', 'viewer'), {
      name: 't.csv',
      bytes: tradeCsv(1),
    });
    expect(viewer.status).toBe(403);
    const nobody = await uploadFile(server.api, '', { name: 't.csv', bytes: tradeCsv(1) });
    expect(nobody.status).toBe(401);
  });

  it('audits every refusal with its code and keeps no partial file', async () => {
    const audits = await db.dataSource.query<Array<{ code: string }>>(
      `SELECT details->>'code' AS code FROM audit_log WHERE action = 'UPLOAD' AND outcome = 'FAILED'`,
    );
    expect(new Set(audits.map((a) => a.code))).toEqual(
      new Set([
        'NOT_CSV_OR_XLSX',
        'BAD_ENCODING',
        'MISSING_COLUMNS',
        'UNKNOWN_COLUMNS',
        'EMPTY_FILE',
        'TOO_LARGE',
        'MALFORMED_CSV',
        'DUPLICATE_FILE',
        'FILE_REQUIRED',
        'MULTIPART_REQUIRED',
        'MALFORMED_MULTIPART',
        'UPLOAD_INCOMPLETE',
      ]),
    );
    const files = await readdir(join(dataDir, 'uploads'));
    expect(files.filter((f) => f.endsWith('.upload'))).toEqual([]);
  });
});
