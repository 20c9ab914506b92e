import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTestDatabase } from '@contingency/testing';
import { setupOpenApi } from '../http/openapi';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { testPrincipal } from '@contingency/testing';
import { HEADER, runTag, tradeCsv } from './testing/trade-file.samples';
import { uploadFile } from './testing/upload-client';
import { BatchUpload } from './batch-upload.service';

const OPERATOR = testPrincipal('ops-accepts', 'operator');

interface Operation {
  requestBody?: { content: Record<string, unknown> };
  responses: Record<
    string,
    { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }
  >;
}

describe(`${BatchUpload.name} accepts`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: BatchesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('upload_accepts');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'));
    server = await startBatchesTestApp(db.dataSource, { dataDir, chunkRows: 500 });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const cellsOf = async (batchId: string) =>
    (
      await db.dataSource.query<Array<{ row_number: number; cells: Record<string, string> }>>(
        'SELECT row_number, cells FROM trades WHERE batch_id = $1 ORDER BY row_number',
        [batchId],
      )
    ).map((t) => ({ row: t.row_number, ...t.cells }));

  it('records every row as RECEIVED with one trades.received.v1 message each, keeps the file, audits', async () => {
    const csv = tradeCsv(1_234);
    const res = await uploadFile(server.api, OPERATOR, { name: '..\\ops/Monday trades.csv', bytes: csv });

    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'VALIDATING' });
    expect(res.headers.location).toBe(`/api/v1/batches/${res.body.id}`);
    const sha256 = createHash('sha256').update(csv).digest('hex');

    const [batch] = await db.dataSource.query(
      'SELECT file_name, sha256, size_bytes, total_rows, status, uploaded_by FROM batches WHERE id = $1',
      [res.body.id],
    );
    expect(batch).toEqual({
      file_name: 'Monday trades.csv',
      sha256,
      size_bytes: String(Buffer.byteLength(csv)),
      total_rows: 1_234,
      status: 'VALIDATING',
      uploaded_by: 'ops-accepts',
    });
    const trades = await db.dataSource.query<Array<{ id: string; account_id: string; status: string }>>(
      'SELECT id, account_id, status FROM trades WHERE batch_id = $1',
      [res.body.id],
    );
    expect(trades).toHaveLength(1_234);
    expect(new Set(trades.map((t) => t.status))).toEqual(new Set(['RECEIVED']));

    const messages = await db.dataSource.query<Array<{ key: string; trade_id: string; topic: string }>>(
      `SELECT key, topic, payload->>'tradeId' AS trade_id FROM outbox WHERE payload->>'batchId' = $1`,
      [res.body.id],
    );
    expect(messages).toHaveLength(1_234);
    expect(new Set(messages.map((m) => m.topic))).toEqual(new Set(['trades.received.v1']));
    const accountOf = new Map(trades.map((t) => [t.id, t.account_id]));
    for (const m of messages) expect(m.key).toBe(accountOf.get(m.trade_id));

    expect(await readFile(join(dataDir, 'uploads', sha256), 'utf8')).toBe(csv);
    const [audit] = await db.dataSource.query(
      `SELECT actor, outcome, details FROM audit_log WHERE action = 'UPLOAD' AND target_id = $1`,
      [res.body.id],
    );
    expect(audit).toMatchObject({
      actor: 'ops-accepts',
      outcome: 'SUCCESS',
      details: { sha256, rows: 1_234 },
    });
  });

  it('accepts a messy but valid CSV: BOM, CRLF, quoted commas, blank lines, header case and order', async () => {
    const tag = runTag();
    const file =
      '\uFEFF Comment ,CLIENT_REF,Order_Type,fund_isin,account_id,Amount,currency,units,trade_date,settlement_date\r\n' +
      `"Hello, ""world""",${tag}-1,SUBSCRIPTION,IE00B4L5Y983,ACC-1,"1,000.50",EUR,,2030-01-07,\r\n` +
      '\r\n' +
      `"line one\r\nline two",${tag}-2,REDEMPTION,IE00B4L5Y983,ACC-2,,,12.5,2030-01-07,2030-01-09\r\n` +
      '\r\n\r\n';
    const res = await uploadFile(server.api, OPERATOR, { name: 'messy.csv', bytes: file });
    expect(res.status).toBe(202);
    expect(await cellsOf(res.body.id)).toEqual([
      {
        row: 1,
        clientRef: `${tag}-1`,
        orderType: 'SUBSCRIPTION',
        fundIsin: 'IE00B4L5Y983',
        accountId: 'ACC-1',
        amount: '1,000.50',
        currency: 'EUR',
        units: '',
        tradeDate: '2030-01-07',
        settlementDate: '',
        comment: 'Hello, "world"',
      },
      {
        row: 3,
        clientRef: `${tag}-2`,
        orderType: 'REDEMPTION',
        fundIsin: 'IE00B4L5Y983',
        accountId: 'ACC-2',
        amount: '',
        currency: '',
        units: '12.5',
        tradeDate: '2030-01-07',
        settlementDate: '2030-01-09',
        comment: 'line one\r\nline two',
      },
    ]);
  });

  it('accepts the optional columns left out', async () => {
    const file = `client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date\n${runTag()},SUBSCRIPTION,IE00B4L5Y983,A,10,EUR,,2030-01-07\n`;
    const res = await uploadFile(server.api, OPERATOR, { name: 'short.csv', bytes: file });
    expect(res.status).toBe(202);
  });

  it('shows a batch with every count, zeros included; 404 for an unknown or malformed id', async () => {
    const res = await uploadFile(server.api, OPERATOR, { name: 'view.csv', bytes: tradeCsv(7) });
    const view = await fetch(`${server.api}/batches/${res.body.id}`, {
      headers: { 'x-test-principal': testPrincipal('viewer-1', 'viewer') },
    });
    expect(view.status).toBe(200);
    expect(await view.json()).toEqual({
      id: res.body.id,
      fileName: 'view.csv',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      sizeBytes: expect.any(Number),
      status: 'VALIDATING',
      counts: {
        total: 7,
        received: 7,
        valid: 0,
        invalid: 0,
        released: 0,
        dispatched: 0,
        acknowledged: 0,
        confirmed: 0,
        nacked: 0,
        outcomeUnknown: 0,
        deadLettered: 0,
        cancelled: 0,
        possibleDuplicates: 0,
      },
      uploadedBy: 'ops-accepts',
      uploadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      approvedBy: null,
      approvedAt: null,
      rejectedBy: null,
      rejectedAt: null,
      decisionComment: null,
      failure: null,
    });

    for (const id of ['7d1c2a4e-0000-4000-8000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
      const missing = await fetch(`${server.api}/batches/${encodeURIComponent(id)}`, {
        headers: { 'x-test-principal': testPrincipal('viewer-1', 'viewer') },
      });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('lists row errors in row order, possible duplicates as warnings, and as a neutralised CSV', async () => {
    const res = await uploadFile(server.api, OPERATOR, { name: 'errors.csv', bytes: tradeCsv(4) });
    const ids = (
      await db.dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM trades WHERE batch_id = $1 ORDER BY row_number',
        [res.body.id],
      )
    ).map((t) => t.id);
    // What the validation service stores: errors on INVALID rows, the flag on a valid one.
    const invalid = (id: string, errors: object[]) =>
      db.dataSource.query(`UPDATE trades SET status = 'INVALID', errors = $2::jsonb WHERE id = $1`, [
        id,
        JSON.stringify(errors),
      ]);
    await invalid(ids[3], [
      { row: 4, column: 'fund_isin', code: 'FUND_NOT_FOUND', message: 'fund =HYPERLINK("x") is unknown' },
      { row: 4, column: 'amount', code: 'AMOUNT_FORMAT', message: 'amount "1,0" is not a decimal' },
    ]);
    await invalid(ids[1], [
      { row: 2, column: 'trade_date', code: 'TRADE_DATE_WEEKEND', message: 'a Saturday' },
    ]);
    await db.dataSource.query(`UPDATE trades SET status = 'VALID', possible_duplicate = true WHERE id = $1`, [
      ids[2],
    ]);

    const headers = { 'x-test-principal': testPrincipal('appr-1', 'approver') };
    const json = await fetch(`${server.api}/batches/${res.body.id}/errors`, { headers });
    expect(json.status).toBe(200);
    const errors = (await json.json()) as Array<{ row: number; code: string; severity: string }>;
    expect(errors.map((e) => [e.row, e.code, e.severity])).toEqual([
      [2, 'TRADE_DATE_WEEKEND', 'error'],
      [3, 'POSSIBLE_DUPLICATE', 'warning'],
      [4, 'FUND_NOT_FOUND', 'error'],
      [4, 'AMOUNT_FORMAT', 'error'],
    ]);

    const csv = await fetch(`${server.api}/batches/${res.body.id}/errors?format=csv`, { headers });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="batch-${res.body.id}-errors.csv"`,
    );
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('row,column,code,message');
    expect(lines).toHaveLength(6); // header, four entries, and the empty string after the last CRLF
    expect(lines[3]).toBe(`4,fund_isin,FUND_NOT_FOUND,"fund =HYPERLINK(""x"") is unknown"`);

    const view = (await (await fetch(`${server.api}/batches/${res.body.id}`, { headers })).json()) as {
      counts: Record<string, number>;
    };
    expect(view.counts).toMatchObject({ received: 1, valid: 1, invalid: 2, possibleDuplicates: 1 });
  });

  it('neutralises a formula at the start of a CSV cell and answers [] for a batch without errors', async () => {
    const res = await uploadFile(server.api, OPERATOR, { name: 'formula.csv', bytes: tradeCsv(1) });
    const [{ id }] = await db.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM trades WHERE batch_id = $1',
      [res.body.id],
    );
    const headers = { 'x-test-principal': testPrincipal('appr-1', 'approver') };
    expect(await (await fetch(`${server.api}/batches/${res.body.id}/errors`, { headers })).json()).toEqual(
      [],
    );
    await db.dataSource.query(`UPDATE trades SET status = 'INVALID', errors = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify([
        { row: 1, column: 'comment', code: 'COMMENT_INVALID_CHARACTERS', message: '=cmd|"/c calc"!A1' },
      ]),
    ]);
    const text = await (
      await fetch(`${server.api}/batches/${res.body.id}/errors?format=csv`, { headers })
    ).text();
    expect(text).toBe(
      `row,column,code,message\r\n1,comment,COMMENT_INVALID_CHARACTERS,"'=cmd|""/c calc""!A1"\r\n`,
    );
    const bad = await fetch(`${server.api}/batches/${res.body.id}/errors?format=pdf`, { headers });
    expect(bad.status).toBe(400);
  });

  it('documents every batch route in OpenAPI, from the zod schemas', async () => {
    const docs = await startBatchesTestApp(db.dataSource, { dataDir }, { configure: setupOpenApi });
    try {
      const document = (await (
        await fetch(`${docs.api.replace(/\/api\/v1$/, '')}/api/docs-json`)
      ).json()) as {
        paths: Record<string, Record<string, Operation>>;
      };
      const upload = document.paths['/api/v1/batches'].post;
      expect(Object.keys(upload.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
      expect(Object.keys(upload.responses).sort()).toEqual(['202', '400', '409', '413', '415', '422', '429']);
      for (const [path, method] of [
        ['/api/v1/batches/{id}', 'get'],
        ['/api/v1/batches/{id}/errors', 'get'],
        ['/api/v1/batches/{id}/approve', 'post'],
        ['/api/v1/batches/{id}/reject', 'post'],
      ] as const) {
        const responses = document.paths[path]?.[method]?.responses ?? {};
        expect({ path, responses: Object.keys(responses) }).toEqual({
          path,
          responses: expect.arrayContaining(['200', '404']),
        });
      }
      const view = document.paths['/api/v1/batches/{id}'].get.responses['200'].content?.['application/json'];
      expect(Object.keys(view?.schema.properties ?? {})).toEqual(
        expect.arrayContaining(['id', 'fileName', 'sha256', 'status', 'counts', 'uploadedBy', 'approvedBy']),
      );
    } finally {
      await docs.close();
    }
  });

  it('keeps no temporary upload files behind', async () => {
    const files = await readdir(join(dataDir, 'uploads'));
    expect(files.filter((f) => !/^[0-9a-f]{64}$/.test(f))).toEqual([]);
  });

  // Last: XLSX reading is being added to libs/trade-file in parallel.
  it('accepts an XLSX workbook with numeric and date cells', async () => {
    const tag = runTag();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Trades');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      `${tag}-1`,
      'SUBSCRIPTION',
      'IE00B4L5Y983',
      'ACC-1',
      1000.5,
      'EUR',
      null,
      new Date(Date.UTC(2030, 0, 7)),
      null,
      'xlsx',
    ]);
    sheet.addRow([
      `${tag}-2`,
      'REDEMPTION',
      'IE00B4L5Y983',
      12345,
      null,
      null,
      12.345678,
      new Date(Date.UTC(2030, 0, 8)),
      new Date(Date.UTC(2030, 0, 10)),
      null,
    ]);
    sheet.getCell('H2').numFmt = 'yyyy-mm-dd';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const res = await uploadFile(server.api, OPERATOR, {
      name: 'trades.xlsx',
      bytes,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(res.body).toEqual({ id: expect.any(String), status: 'VALIDATING' });
    expect(await cellsOf(res.body.id)).toEqual([
      expect.objectContaining({
        row: 1,
        clientRef: `${tag}-1`,
        amount: '1000.5',
        tradeDate: '2030-01-07',
        units: '',
      }),
      expect.objectContaining({
        row: 2,
        accountId: '12345',
        units: '12.345678',
        tradeDate: '2030-01-08',
        settlementDate: '2030-01-10',
      }),
    ]);
    const [{ sha256 }] = await db.dataSource.query('SELECT sha256 FROM batches WHERE id = $1', [res.body.id]);
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
