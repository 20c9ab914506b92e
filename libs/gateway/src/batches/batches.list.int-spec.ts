import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchStatus, TradeStatus } from '@contingency/contracts';
import { createTestDatabase, testPrincipal, TEST_PRINCIPAL_HEADER } from '@contingency/testing';
import { setupOpenApi } from '../http/openapi';
import { BatchReader } from './batch-reader.service';
import type { BatchPage, BatchView } from './batch.schemas';
import { startBatchesTestApp, type BatchesTestApp } from './testing/batches-test-app';
import { runTag } from './testing/trade-file.samples';
import { uploadFile } from './testing/upload-client';

const VIEWER = testPrincipal('viewer-list', 'viewer');

interface SeededBatch {
  status: BatchStatus;
  uploadedAt: string;
  uploadedBy: string;
  trades?: Partial<Record<TradeStatus, number>>;
  possibleDuplicates?: number;
}

describe(`${BatchReader.name} list (GET /batches)`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: BatchesTestApp;
  // The seeded batches' uploaders are unique to this run, so filters see only them.
  const tag = runTag();
  const alice = `alice-${tag}`;
  const bob = `bob-${tag}`;

  beforeAll(async () => {
    db = await createTestDatabase('batches_list');
    dataDir = await mkdtemp(join(tmpdir(), 'mc-uploads-'));
    server = await startBatchesTestApp(db.dataSource, { dataDir }, { configure: setupOpenApi });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A batch with trades in the given statuses, written directly so that its upload time is chosen. */
  async function seed(batch: SeededBatch): Promise<string> {
    const id = randomUUID();
    const failed = batch.status === 'FAILED';
    await db.dataSource.query(
      `INSERT INTO batches (id, file_name, sha256, size_bytes, status, uploaded_by, uploaded_at, total_rows,
                            failure_code, failure_message)
       VALUES ($1, $2, $3, 10, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        `${batch.status.toLowerCase()}.csv`,
        failed ? null : randomBytes(32).toString('hex'),
        batch.status,
        batch.uploadedBy,
        batch.uploadedAt,
        Object.values(batch.trades ?? {}).reduce((a, b) => a + b, 0),
        failed ? 'EMPTY_FILE' : null,
        failed ? 'empty.csv has no trades.' : null,
      ],
    );
    let row = 0;
    let duplicates = batch.possibleDuplicates ?? 0;
    for (const [status, count] of Object.entries(batch.trades ?? {})) {
      for (let i = 0; i < count; i++) {
        row++;
        await db.dataSource.query(
          `INSERT INTO trades (id, batch_id, row_number, cells, client_ref, account_id, status, possible_duplicate)
           VALUES ($1, $2, $3, '{}', $4, 'ACC-1', $5, $6)`,
          [randomUUID(), id, row, `C-${row}`, status, duplicates-- > 0],
        );
      }
    }
    return id;
  }

  async function list(query: string, principal = VIEWER): Promise<{ status: number; body: BatchPage }> {
    const res = await fetch(`${server.api}/batches${query}`, {
      headers: { [TEST_PRINCIPAL_HEADER]: principal },
    });
    return { status: res.status, body: (await res.json()) as BatchPage };
  }

  async function all(query: string, limit: number): Promise<BatchView[]> {
    const items: BatchView[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const res = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) return items;
    }
    throw new Error('the pages never ended');
  }

  // 2030-01-01 … 2030-01-12, at noon UTC; two batches share one instant to prove the id breaks the tie.
  const at = (day: number) => `2030-01-${String(day).padStart(2, '0')}T12:00:00.000Z`;
  const seeded: Array<{ id: string } & SeededBatch> = [];

  beforeAll(async () => {
    const plan: SeededBatch[] = [
      { status: 'COMPLETED', uploadedAt: at(1), uploadedBy: alice, trades: { CONFIRMED: 3, INVALID: 1 } },
      { status: 'REJECTED', uploadedAt: at(2), uploadedBy: bob, trades: { CANCELLED: 2 } },
      { status: 'FAILED', uploadedAt: at(3), uploadedBy: alice },
      { status: 'RELEASED', uploadedAt: at(4), uploadedBy: bob, trades: { DISPATCHED: 2, NACKED: 1 } },
      {
        status: 'AWAITING_APPROVAL',
        uploadedAt: at(5),
        uploadedBy: alice,
        trades: { VALID: 4 },
        possibleDuplicates: 2,
      },
      { status: 'AWAITING_APPROVAL', uploadedAt: at(5), uploadedBy: bob, trades: { VALID: 1, INVALID: 2 } },
      { status: 'VALIDATING', uploadedAt: at(6), uploadedBy: alice, trades: { RECEIVED: 2, VALID: 1 } },
      { status: 'FAILED', uploadedAt: at(7), uploadedBy: bob },
    ];
    for (const batch of plan) seeded.push({ id: await seed(batch), ...batch });
  });

  const newestFirst = () =>
    [...seeded].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || b.id.localeCompare(a.id));
  const window = `?from=${at(1)}&to=${at(8)}`;

  it('lists batches newest first, each as GET /batches/{id} shows it, with its trades counted', async () => {
    const items = await all(window, 50);
    expect(items.map((b) => b.id)).toEqual(newestFirst().map((b) => b.id));
    for (const item of items) {
      const single = await fetch(`${server.api}/batches/${item.id}`, {
        headers: { [TEST_PRINCIPAL_HEADER]: VIEWER },
      });
      expect(item).toEqual(await single.json());
    }
    const awaiting = items.find((b) => b.uploadedBy === alice && b.status === 'AWAITING_APPROVAL');
    expect(awaiting?.counts).toMatchObject({ total: 4, valid: 4, invalid: 0, possibleDuplicates: 2 });
    const released = items.find((b) => b.status === 'RELEASED');
    expect(released?.counts).toMatchObject({ total: 3, dispatched: 2, nacked: 1, valid: 0 });
    const failed = items.filter((b) => b.status === 'FAILED');
    expect(failed.map((b) => [b.sha256, b.failure, b.counts.total])).toEqual([
      [null, { code: 'EMPTY_FILE', message: 'empty.csv has no trades.' }, 0],
      [null, { code: 'EMPTY_FILE', message: 'empty.csv has no trades.' }, 0],
    ]);
  });

  it('counts the trades of a whole page in one statement', async () => {
    // Every statement, whichever way it is sent (DataSource.query or a query runner of its own).
    const query = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const { body } = await list(`${window}&limit=8`);
      expect(body.items).toHaveLength(8);
      const counting = query.mock.calls.filter(([sql]) => /FROM trades/.test(String(sql)));
      expect(counting).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
  });

  it.each([1, 2, 3, 7])(
    'pages through every batch exactly once, %i at a time, with no nextCursor on the last',
    async (limit) => {
      const items = await all(window, limit);
      expect(items.map((b) => b.id)).toEqual(newestFirst().map((b) => b.id));
    },
  );

  it('filters by status, by uploader and by upload time', async () => {
    expect((await all(`${window}&status=awaiting_approval`, 50)).map((b) => b.uploadedBy).sort()).toEqual(
      [alice, bob].sort(),
    );
    expect((await all(`${window}&status=FAILED&uploadedBy=${bob}`, 50)).map((b) => b.uploadedAt)).toEqual([
      at(7),
    ]);
    expect((await all(`?uploadedBy=${alice}`, 50)).map((b) => b.status)).toEqual([
      'VALIDATING',
      'AWAITING_APPROVAL',
      'FAILED',
      'COMPLETED',
    ]);
    // from inclusive, to exclusive
    expect((await all(`?from=${at(2)}&to=${at(4)}`, 50)).map((b) => b.status)).toEqual([
      'FAILED',
      'REJECTED',
    ]);
  });

  it('shows a real upload, and a refused one as FAILED, at the top of the list', async () => {
    const who = `ops-${tag}`;
    const ok = await uploadFile(server.api, testPrincipal(who, 'operator'), {
      name: 'ok.csv',
      bytes: `client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date,settlement_date,comment\r\nR-${tag},SUBSCRIPTION,IE00B4L5Y983,A,1,EUR,,2030-01-07,,\r\n`,
    });
    expect(ok.status).toBe(202);
    const refused = await uploadFile(server.api, testPrincipal(who, 'operator'), {
      name: 'no.csv',
      bytes: '',
    });
    expect(refused.status).toBe(422);

    const { body } = await list(`?uploadedBy=${who}`);
    expect(body.nextCursor).toBeUndefined();
    expect(body.items.map((b) => [b.fileName, b.status, b.counts.total, b.failure?.code ?? null])).toEqual([
      ['no.csv', 'FAILED', 0, 'EMPTY_FILE'],
      ['ok.csv', 'VALIDATING', 1, null],
    ]);
  });

  it('lets every role read the list, and no one without a role or credentials', async () => {
    for (const role of ['operator', 'approver', 'viewer', 'sre', 'admin', 'downstream'] as const) {
      expect([role, (await list(window, testPrincipal(`r-${role}`, role))).status]).toEqual([role, 200]);
    }
    expect((await list(window, 'nobody:')).status).toBe(403);
    expect((await list(window, '')).status).toBe(401);
  });

  it.each([
    ['status=DONE', /status must be one of/],
    ['limit=0', /limit must be at least 1/],
    ['limit=201', /limit must be at most 200/],
    ['limit=ten', /limit must be a whole number/],
    ['from=yesterday', /from must be an ISO 8601 date-time/],
    [`from=${at(5)}&to=${at(4)}`, /from must be before to/],
    ['uploadedBy=', /uploadedBy must not be empty/],
    ['sort=name', /sort/],
    ['cursor=bm90LWEtY3Vyc29y', /nextCursor of the previous page/],
  ])('answers 400 with {error:{code,message}} for ?%s', async (query, message) => {
    const res = await list(`?${query}`);
    expect(res.status).toBe(400);
    const { error } = res.body as unknown as { error: { code: string; message: string } };
    expect(error.code).toMatch(/^(INVALID_REQUEST|INVALID_CURSOR)$/);
    expect(error.message).toMatch(message);
  });

  it('is documented in OpenAPI with the query parameters of its zod schema', async () => {
    const doc = (await (await fetch(server.api.replace(/\/api\/v1$/, '/api/docs-json'))).json()) as {
      paths: Record<string, { get: { parameters?: Array<{ name: string; in: string }>; responses: object } }>;
    };
    const get = doc.paths['/api/v1/batches'].get;
    expect((get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)).toEqual([
      'status',
      'uploadedBy',
      'from',
      'to',
      'limit',
      'cursor',
    ]);
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '400']));
  });
});
