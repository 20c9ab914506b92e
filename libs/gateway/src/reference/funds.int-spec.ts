import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ROLES } from '@contingency/contracts';
import { createTestDatabase } from '@contingency/testing';
import { fundMasterCsv } from './fund-master.fixtures';
import { createReferenceTestApp } from './testing/reference-test-app';
import { TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import { FundsController } from './funds.controller';
import type { FundView } from './fund.view';

const ADMIN = testPrincipal('ada.admin', 'admin');
const PATH = '/api/v1/reference/funds';

const FIRST = fundMasterCsv([
  { isin: 'LU1294538506' },
  { isin: 'IE00B5SG2T44', provider: 'GS', currency: 'GBP', alternate_route: '', timezone: 'Europe/London' },
]);
const SECOND = fundMasterCsv([
  {
    isin: 'GB00B4T7HV46',
    name: 'Thamesgate Sterling Cash Fund, Class A',
    currency: 'gbp',
    cutoff_time: '09:30',
  },
  {
    isin: 'IE00BK6S8N26',
    primary_route: 'CALASTONE',
    alternate_route: '',
    status: 'CLOSED',
    timezone: 'Europe/Dublin',
  },
]);

describe(FundsController.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let http: App;

  const put = (csv: string | Buffer, principal = ADMIN, type = 'text/csv') =>
    request(http).put(PATH).set(TEST_PRINCIPAL_HEADER, principal).set('content-type', type).send(csv);
  const list = async (): Promise<{ items: FundView[] }> =>
    (await request(http).get(PATH).set(TEST_PRINCIPAL_HEADER, testPrincipal('v', 'viewer')).expect(200))
      .body as { items: FundView[] };
  const auditRows = () =>
    db.dataSource.query<{ actor: string; outcome: string; details: unknown }[]>(
      `SELECT actor, outcome, details FROM audit_log WHERE action = 'FUND_MASTER_REPLACED' ORDER BY id`,
    );

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    app = await createReferenceTestApp(db.dataSource);
    http = app.getHttpServer() as App;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('replaces the master with a valid file (200 { count }), lists it in camelCase and audits it', async () => {
    await put(FIRST).expect(200, { count: 2 });
    await put(SECOND).expect(200, { count: 2 });

    expect(await list()).toEqual({
      items: [
        {
          isin: 'GB00B4T7HV46',
          name: 'Thamesgate Sterling Cash Fund, Class A',
          provider: 'NON_GS',
          currency: 'GBP',
          cutoffTime: '09:30',
          timezone: 'Europe/Luxembourg',
          primaryRoute: 'CASIE',
          alternateRoute: 'CALASTONE',
          status: 'OPEN',
          updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
        expect.objectContaining({
          isin: 'IE00BK6S8N26',
          primaryRoute: 'CALASTONE',
          alternateRoute: null,
          status: 'CLOSED',
          timezone: 'Europe/Dublin',
        }),
      ],
    });
    expect(await auditRows()).toEqual([
      { actor: 'ada.admin', outcome: 'SUCCESS', details: { count: 2 } },
      { actor: 'ada.admin', outcome: 'SUCCESS', details: { count: 2 } },
    ]);
  });

  it('refuses a file with invalid rows with every row error, and changes nothing', async () => {
    const before = await list();
    const audits = (await auditRows()).length;
    const bad = fundMasterCsv([
      { isin: 'LU1294538506' },
      { isin: 'LU1294538507', currency: 'EURO' },
      { isin: 'IE00B5SG2T44', provider: 'GS', alternate_route: 'CALASTONE', cutoff_time: '25:00' },
      { isin: 'LU1294538506', timezone: 'Mars/Olympus' },
    ]);

    const res = await put(bad).expect(422);

    expect(res.body.error).toEqual({
      code: 'INVALID_FUND_MASTER',
      message: expect.stringMatching(/6 error\(s\) in row\(s\) 2, 3, 4; nothing was changed/),
      details: {
        errorCount: 6,
        errors: [
          { row: 2, column: 'isin', code: 'ISIN_CHECK_DIGIT', message: expect.any(String) },
          { row: 2, column: 'currency', code: 'CURRENCY_UNKNOWN', message: expect.any(String) },
          { row: 3, column: 'cutoff_time', code: 'CUTOFF_TIME_FORMAT', message: expect.any(String) },
          {
            row: 3,
            column: 'alternate_route',
            code: 'ALTERNATE_ROUTE_NOT_FOR_GS',
            message: expect.any(String),
          },
          { row: 4, column: 'isin', code: 'ISIN_DUPLICATE', message: expect.stringContaining('row 1') },
          { row: 4, column: 'timezone', code: 'TIMEZONE_UNKNOWN', message: expect.any(String) },
        ],
      },
    });
    expect(await list()).toEqual(before);
    expect(await auditRows()).toHaveLength(audits);
  });

  it.each([
    ['a missing column', 422, 'MISSING_COLUMNS', 'isin,name\nLU1294538506,Fund\n', 'text/csv'],
    ['a header without funds', 422, 'EMPTY_FILE', fundMasterCsv([]), 'text/csv'],
    ['bytes that are not UTF-8', 422, 'BAD_ENCODING', Buffer.from([0x69, 0xff, 0x0a]), 'text/csv'],
    ['JSON instead of CSV', 415, 'UNSUPPORTED_MEDIA_TYPE', '{"funds":[]}', 'application/json'],
    ['a Latin-1 charset', 415, 'UNSUPPORTED_MEDIA_TYPE', FIRST, 'text/csv; charset=iso-8859-1'],
  ])('refuses %s as a whole (%i %s), changing nothing', async (_, status, code, body, type) => {
    const before = await list();
    const res = await put(body, ADMIN, type).expect(status);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(await list()).toEqual(before);
  });

  it('refuses more than 10 MB with 413', async () => {
    const huge = `${fundMasterCsv([{}])}${'x'.repeat(10 * 1024 * 1024)}`;
    const res = await put(huge).expect(413);
    expect(res.body.error.code).toBe('TOO_LARGE');
  });

  it('accepts a BOM and text/csv with charset=utf-8', async () => {
    await put(`\uFEFF${FIRST}`, ADMIN, 'text/csv; charset=UTF-8').expect(200, { count: 2 });
  });

  it('lets only admins replace it (403 otherwise, 401 without credentials), and every role read it', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const res = await put(SECOND, testPrincipal('someone', role)).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    await request(http).put(PATH).set('content-type', 'text/csv').send(SECOND).expect(401);
    for (const role of ROLES) {
      await request(http).get(PATH).set(TEST_PRINCIPAL_HEADER, testPrincipal('someone', role)).expect(200);
    }
    await request(http).get(PATH).expect(401);
  });

  it('serialises concurrent replacements: each succeeds, the master is one whole file', async () => {
    const results = await Promise.all([FIRST, SECOND, FIRST, SECOND, FIRST].map((csv) => put(csv)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const isins = (await list()).items.map((f) => f.isin);
    expect([
      ['IE00B5SG2T44', 'LU1294538506'],
      ['GB00B4T7HV46', 'IE00BK6S8N26'],
    ]).toContainEqual(isins);
  });
});
