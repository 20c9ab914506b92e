import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, expectEventually, testPrincipal } from '@contingency/testing';
import { BatchUpload } from './batch-upload.service';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { failedBatchesOf } from './testing/ledger-snapshot';
import { HEADER, runTag, tradeCsv, tradeLine } from './testing/trade-file.samples';
import { postStream, uploadFile, type UploadResponse } from './testing/upload-client';

const sha256Of = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

describe(`${BatchUpload.name} FAILED batches`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: BatchesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('upload_failed_batches');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'));
    server = await startBatchesTestApp(db.dataSource, { dataDir, maxBytes: 50_000, chunkRows: 100 });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  // Each case uploads as its own principal, so that its FAILED batches are found by uploader.
  let n = 0;
  const uploader = () => `ops-failed-${runTag()}-${++n}`;

  const tradesAndMessagesOf = async (batchId: string) => {
    const [row] = await db.dataSource.query<Array<{ trades: number; outbox: number }>>(
      `SELECT (SELECT count(*)::int FROM trades WHERE batch_id = $1) AS trades,
              (SELECT count(*)::int FROM outbox WHERE payload->>'batchId' = $1::text) AS outbox`,
      [batchId],
    );
    return row;
  };

  const getBatch = async (id: string, principal = testPrincipal('viewer-1', 'viewer')) => {
    const res = await fetch(`${server.api}/batches/${id}`, { headers: { 'x-test-principal': principal } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  async function expectFailedBatch(
    who: string,
    res: UploadResponse,
    expected: { status: number; code: string; fileName: string; sha256?: string | null },
  ) {
    expect([res.status, res.body.error?.code]).toEqual([expected.status, expected.code]);
    const failed = await failedBatchesOf(db.dataSource, who);
    expect(failed).toHaveLength(1);
    const [batch] = failed;
    expect(batch).toMatchObject({
      fileName: expected.fileName,
      uploadedBy: who,
      failureCode: expected.code,
      failureMessage: res.body.error.message,
      ...(expected.sha256 !== undefined && { sha256: expected.sha256 }),
    });
    expect(await tradesAndMessagesOf(batch.id)).toEqual({ trades: 0, outbox: 0 });
    const view = await getBatch(batch.id);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: batch.id,
      status: 'FAILED',
      fileName: expected.fileName,
      uploadedBy: who,
      sizeBytes: batch.sizeBytes,
      approvedBy: null,
      rejectedBy: null,
      failure: { code: expected.code, message: res.body.error.message },
      counts: expect.objectContaining({ total: 0, received: 0, valid: 0, invalid: 0 }) as unknown,
    });
    return batch;
  }

  it('records one FAILED batch for a file that is not CSV or XLSX (415)', async () => {
    const who = uploader();
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    const res = await uploadFile(server.api, testPrincipal(who, 'operator'), {
      name: 'scan.pdf',
      bytes: pdf,
    });
    const batch = await expectFailedBatch(who, res, {
      status: 415,
      code: 'NOT_CSV_OR_XLSX',
      fileName: 'scan.pdf',
    });
    expect(batch.sizeBytes).toBeGreaterThan(0);
    expect(batch.sizeBytes).toBeLessThanOrEqual(pdf.length);
  });

  it('records one FAILED batch for a file over the byte limit (413), with the size read so far', async () => {
    const who = uploader();
    const res = await uploadFile(server.api, testPrincipal(who, 'operator'), {
      name: 'big.csv',
      bytes: tradeCsv(2_000),
    });
    const batch = await expectFailedBatch(who, res, {
      status: 413,
      code: 'TOO_LARGE',
      fileName: 'big.csv',
      sha256: null,
    });
    expect(batch.sizeBytes).toBeGreaterThan(0);
  });

  it('records one FAILED batch, and no trade or message, for a CSV that breaks after 300 good rows (422)', async () => {
    const who = uploader();
    const tag = runTag();
    const good = Array.from({ length: 300 }, (_, i) => tradeLine(i + 1, tag)).join('\r\n');
    const file = `${HEADER}\r\n${good}\r\n"unterminated,SUBSCRIPTION,IE00B4L5Y983,A,1,EUR,,2030-01-07,,\r\n`;
    const res = await uploadFile(server.api, testPrincipal(who, 'operator'), {
      name: 'broken.csv',
      bytes: file,
    });
    await expectFailedBatch(who, res, { status: 422, code: 'MALFORMED_CSV', fileName: 'broken.csv' });
    const [{ trades }] = await db.dataSource.query<Array<{ trades: number }>>(
      `SELECT count(*)::int AS trades FROM trades WHERE client_ref LIKE $1`,
      [`${tag}-%`],
    );
    expect(trades).toBe(0);
  });

  it('records one FAILED batch for the same bytes uploaded again (409), holding their hash', async () => {
    const first = uploader();
    const second = uploader();
    const csv = tradeCsv(3);
    const accepted = await uploadFile(server.api, testPrincipal(first, 'operator'), {
      name: 'a.csv',
      bytes: csv,
    });
    expect(accepted.status).toBe(202);
    const again = await uploadFile(server.api, testPrincipal(second, 'operator'), {
      name: 'b.csv',
      bytes: csv,
    });
    await expectFailedBatch(second, again, {
      status: 409,
      code: 'DUPLICATE_FILE',
      fileName: 'b.csv',
      sha256: sha256Of(csv),
    });
    expect(again.body.error.details).toEqual({ existingBatchId: accepted.body.id });

    // The FAILED batch does not stand in the way of the duplicate rule: the first batch still does.
    const third = await uploadFile(server.api, testPrincipal(second, 'operator'), {
      name: 'c.csv',
      bytes: csv,
    });
    expect([third.status, third.body.error.details]).toEqual([409, { existingBatchId: accepted.body.id }]);
    expect(await failedBatchesOf(db.dataSource, second)).toHaveLength(2);
  });

  it('records one FAILED batch for a form without a file (400) and for a body that is not multipart (415)', async () => {
    const noFile = uploader();
    const res = await uploadFile(server.api, testPrincipal(noFile, 'operator'), {
      name: 't.csv',
      bytes: tradeCsv(1),
      field: 'document',
    });
    await expectFailedBatch(noFile, res, {
      status: 400,
      code: 'FILE_REQUIRED',
      fileName: 'upload',
      sha256: null,
    });

    const notMultipart = uploader();
    const plain = await postStream(
      `${server.api}/batches`,
      testPrincipal(notMultipart, 'operator'),
      'text/csv',
      [Buffer.from(tradeCsv(1))],
    );
    const batch = await expectFailedBatch(notMultipart, plain, {
      status: 415,
      code: 'MULTIPART_REQUIRED',
      fileName: 'upload',
      sha256: null,
    });
    expect(batch.sizeBytes).toBe(0);
  });

  it('refuses a re-upload of refused bytes by the same rule, never 409, one FAILED batch each', async () => {
    const who = uploader();
    const headerOnly = `${HEADER}\r\n`;
    for (const name of ['empty.csv', 'empty-again.csv']) {
      const res = await uploadFile(server.api, testPrincipal(who, 'operator'), { name, bytes: headerOnly });
      expect([res.status, res.body.error.code]).toEqual([422, 'EMPTY_FILE']);
    }
    const failed = await failedBatchesOf(db.dataSource, who);
    // The whole file was read: both FAILED batches hold its hash, and the unique index let them be.
    expect(failed.map((b) => [b.fileName, b.failureCode, b.sha256])).toEqual([
      ['empty.csv', 'EMPTY_FILE', sha256Of(headerOnly)],
      ['empty-again.csv', 'EMPTY_FILE', sha256Of(headerOnly)],
    ]);

    const broken = `${HEADER}\r\n${tradeLine(1, runTag())}\r\n"unterminated\r\n`;
    for (let i = 0; i < 2; i++) {
      const res = await uploadFile(server.api, testPrincipal(who, 'operator'), {
        name: 'broken.csv',
        bytes: broken,
      });
      expect([res.status, res.body.error.code]).toEqual([422, 'MALFORMED_CSV']);
    }
    expect(await failedBatchesOf(db.dataSource, who)).toHaveLength(4);
  });

  it('leaves a later valid upload unaffected, even by the same uploader', async () => {
    const who = uploader();
    const refused = await uploadFile(server.api, testPrincipal(who, 'operator'), {
      name: 'x.csv',
      bytes: '',
    });
    expect(refused.status).toBe(422);
    const csv = tradeCsv(150);
    const accepted = await uploadFile(server.api, testPrincipal(who, 'operator'), {
      name: 'ok.csv',
      bytes: csv,
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.any(String) as unknown, status: 'VALIDATING' });
    const view = await getBatch(accepted.body.id);
    expect(view.body).toMatchObject({ status: 'VALIDATING', sha256: sha256Of(csv), failure: null });
    expect(await tradesAndMessagesOf(accepted.body.id)).toEqual({ trades: 150, outbox: 150 });
    expect(await failedBatchesOf(db.dataSource, who)).toHaveLength(1);
  });

  it('records no batch at all for a client that goes away mid-file', async () => {
    const who = uploader();
    const boundary = 'g0ne';
    await new Promise<void>((resolve) => {
      const req = request(`${server.api}/batches`, {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'x-test-principal': testPrincipal(who, 'operator'),
        },
      });
      req.on('error', () => resolve());
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gone.csv"\r\n\r\n`);
      req.write(tradeCsv(250)); // past the first chunk: the upload's transaction is open
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
    await expectEventually(async () => {
      const audits = await db.dataSource.query<Array<{ code: string }>>(
        `SELECT details->>'code' AS code FROM audit_log WHERE actor = $1 AND outcome = 'FAILED'`,
        [who],
      );
      expect(audits).toEqual([{ code: 'UPLOAD_INCOMPLETE' }]);
    });
    const [{ batches }] = await db.dataSource.query<Array<{ batches: number }>>(
      'SELECT count(*)::int AS batches FROM batches WHERE uploaded_by = $1',
      [who],
    );
    expect(batches).toBe(0);
  });

  it('records no batch for a client that goes away before its file begins', async () => {
    const who = uploader();
    await new Promise<void>((resolve) => {
      const req = request(`${server.api}/batches`, {
        method: 'POST',
        headers: {
          'content-type': 'multipart/form-data; boundary=early',
          'x-test-principal': testPrincipal(who, 'operator'),
        },
      });
      req.on('error', () => resolve());
      req.write('--early\r\nContent-Disposition: form-da');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await expectEventually(async () => {
      const audits = await db.dataSource.query<Array<{ code: string }>>(
        `SELECT details->>'code' AS code FROM audit_log WHERE actor = $1 AND outcome = 'FAILED'`,
        [who],
      );
      expect(audits).toEqual([{ code: 'UPLOAD_INCOMPLETE' }]);
    });
    expect(await failedBatchesOf(db.dataSource, who)).toEqual([]);
  });
});
