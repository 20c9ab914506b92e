import { DiscoveryModule } from '@nestjs/core';
import type { DataSource, EntityManager } from 'typeorm';
import { ROLES, type Role } from '@contingency/contracts';
import { BatchLedger, OutboxWriter, TradeLedger } from '@contingency/ledger';
import { createTestDatabase, TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import { setupOpenApi } from '../http/openapi';
import { csvRecords } from '../reference/csv-records';
import { seedTrades, type SeedRow } from '../trades/testing/seed-trades';
import { startTradesTestApp, type TradesTestApp } from '../trades/testing/trades-test-app';
import { HandbackReader, TRADE_PAGE_ROWS } from './handback.reader';
import { seedBulkTrades } from './testing/seed-bulk-trades';
import { HANDBACK_AUDIT_ACTION } from './handback.report';
import { HANDBACK_CSV_HEADER, type HandbackRow } from './handback.row';
import { ReportsModule } from './reports.module';

interface OpenApiOperation {
  parameters: Array<{ name: string; required: boolean }>;
  responses: Record<string, { content: Record<string, unknown> }>;
}

const DOWNSTREAM = testPrincipal('mosaic.books', 'downstream');
const APPROVER = 'adam.approver';

describe(ReportsModule.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let server: TradesTestApp;
  const trades = new TradeLedger(new OutboxWriter());
  const batches = new BatchLedger();

  beforeAll(async () => {
    db = await createTestDatabase('handback');
    dataSource = db.dataSource;
    server = await startTradesTestApp(dataSource, [ReportsModule]);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  function download(query: string, as: string | null = DOWNSTREAM): Promise<Response> {
    const headers = as === null ? undefined : { [TEST_PRINCIPAL_HEADER]: as };
    return fetch(`${server.api}/reports/handback${query}`, { headers });
  }

  async function csv(query: string): Promise<Array<Record<string, string>>> {
    const res = await download(query);
    expect(res.status).toBe(200);
    const [header, ...records] = csvRecords(await res.text()).map((r) => r.fields);
    expect(header).toEqual(HANDBACK_CSV_HEADER);
    return records.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i]])));
  }

  async function json(query: string): Promise<HandbackRow[]> {
    const res = await download(`${query}&format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return (await res.json()) as HandbackRow[];
  }

  /** A batch uploaded at `uploadedAt`, its trades walked to the rows' statuses, approved if asked. */
  async function seedBatch(
    rows: readonly SeedRow[],
    uploadedAt: string,
    then?: (tx: EntityManager, tradeIds: string[]) => Promise<void>,
    { approved = true } = {},
  ): Promise<{ batchId: string; tradeIds: string[] }> {
    const seeded = await seedTrades(dataSource, rows);
    await dataSource.transaction(async (tx) => {
      await tx.query('UPDATE batches SET uploaded_at = $2 WHERE id = $1', [seeded.batchId, uploadedAt]);
      await batches.transition(tx, seeded.batchId, 'AWAITING_APPROVAL', { actor: 'validation-service' });
      if (approved) await batches.transition(tx, seeded.batchId, 'RELEASED', { actor: APPROVER });
      await then?.(tx, seeded.tradeIds);
    });
    return seeded;
  }

  describe('a day of contingency trades in every final state', () => {
    const window = '?from=2031-01-06&to=2031-01-07';
    let batchId: string;
    let ids: string[];

    beforeAll(async () => {
      ({ batchId, tradeIds: ids } = await seedBatch(
        [
          { status: 'ACKNOWLEDGED', cells: { amount: '250000.00', settlementDate: '2031-01-08' } },
          { status: 'NACKED', cells: { clientRef: '=HYPERLINK("http://evil.example","click")' } },
          { status: 'INVALID', cells: { accountId: '@SUM(1+1)' } },
          { status: 'CANCELLED' },
          {
            status: 'RELEASED',
            cells: { amount: '', currency: '', units: '1520.456', orderType: 'REDEMPTION' },
          },
          { status: 'DEAD_LETTERED' },
        ],
        '2031-01-06T09:00:00Z',
        async (tx, [confirmed, , , , failedOver]) => {
          await trades.markConfirmed(
            tx,
            confirmed,
            {
              taReference: 'TA-1',
              units: '2481.71000',
              price: '100.7370',
              settlementAmount: '250000.00',
              currency: 'EUR',
            },
            'ack-ingestor',
          );
          // Casie down: the order went to Calastone, whose TA accepted it under its deal reference.
          await tx.query(`UPDATE trades SET route = 'CALASTONE' WHERE id = $1`, [failedOver]);
          await trades.recordEvent(tx, failedOver, 'FAILOVER', 'casie-adapter', {
            fromRoute: 'CASIE',
            toRoute: 'CALASTONE',
          });
          await trades.recordEvent(tx, failedOver, 'CALASTONE_SENT', 'calastone-adapter', {
            calastoneMessageId: 'CALASTONE-MSG-1',
          });
          await trades.markDispatched(tx, failedOver, {}, 'calastone-adapter');
          await trades.markAcknowledged(tx, failedOver, { taReference: 'DEAL-884512' }, 'ack-ingestor');
        },
      ));
    });

    it('streams a CSV download: one row per trade in row order, with its final state and references', async () => {
      const res = await download(window);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="handback-20310106T000000Z-20310107T000000Z.csv"',
      );
      await res.body?.cancel();

      const rows = await csv(window);
      expect(rows.map((r) => r.trade_id)).toEqual(ids);
      const [confirmed, nacked, invalid, cancelled, failedOver, deadLettered] = rows;

      expect(confirmed).toMatchObject({
        batch_id: batchId,
        row: '1',
        order_type: 'SUBSCRIPTION',
        fund_isin: 'IE00B4L5Y983',
        amount: '250000',
        currency: 'EUR',
        units: '',
        trade_date: '2026-12-07',
        settlement_date: '2031-01-08',
        status: 'CONFIRMED',
        final: 'true',
        awaiting: '',
        route: 'CASIE',
        failed_over: 'false',
        order_ref: `MC${ids[0].replace(/-/g, '').toUpperCase()}`,
        casie_order_id: `CASIE-${ids[0].slice(0, 8)}`,
        ta_reference: 'TA-1',
        confirmed_units: '2481.71',
        confirmed_price: '100.737',
        confirmed_settlement_amount: '250000',
        confirmed_settlement_currency: 'EUR',
        nack_reason: '',
        uploaded_by: 'olivia.operator',
        approved_by: APPROVER,
        uploaded_at: '2031-01-06T09:00:00.000Z',
      });
      expect(JSON.parse(confirmed.external_refs)).toEqual({
        casieOrderId: `CASIE-${ids[0].slice(0, 8)}`,
        taReference: 'TA-1',
      });
      expect(confirmed.released_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(confirmed.final_state_at).toMatch(/Z$/);

      expect(nacked).toMatchObject({
        status: 'NACKED',
        final: 'true',
        nack_reason: 'TA rejected the order',
        confirmed_units: '',
      });
      expect(invalid).toMatchObject({ status: 'INVALID', final: 'true', order_ref: '', released_at: '' });
      expect(cancelled).toMatchObject({ status: 'CANCELLED', final: 'true', status_reason: 'seeded' });
      expect(failedOver).toMatchObject({
        status: 'ACKNOWLEDGED',
        final: 'true',
        awaiting: 'CONFIRMATION',
        route: 'CALASTONE',
        failed_over: 'true',
        units: '1520.456',
        amount: '',
        order_type: 'REDEMPTION',
        ta_reference: 'DEAL-884512',
        calastone_message_id: 'CALASTONE-MSG-1',
        casie_order_id: '',
      });
      expect(deadLettered).toMatchObject({
        status: 'DEAD_LETTERED',
        final: 'false',
        awaiting: 'REPLAY_OR_CANCEL',
        final_state_at: '',
        status_reason: 'retries exhausted',
      });
    });

    it('neutralises formula cells in the CSV, and only there', async () => {
      const text = await (await download(window)).text();
      expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
      expect(text).toContain(`,'@SUM(1+1),`);
      expect(text).not.toMatch(/,=HYPERLINK/);

      const rows = await json(window);
      expect(rows[1].clientRef).toBe('=HYPERLINK("http://evil.example","click")');
      expect(rows[2].accountId).toBe('@SUM(1+1)');
    });

    it('answers the same rows as JSON: camelCase, typed, decimals as strings', async () => {
      const rows = await json(window);
      expect(rows.map((r) => r.tradeId)).toEqual(ids);
      expect(rows[0]).toEqual({
        tradeId: ids[0],
        batchId,
        row: 1,
        clientRef: expect.any(String),
        orderType: 'SUBSCRIPTION',
        fundIsin: 'IE00B4L5Y983',
        accountId: expect.any(String),
        amount: '250000',
        currency: 'EUR',
        units: null,
        tradeDate: '2026-12-07',
        settlementDate: '2031-01-08',
        status: 'CONFIRMED',
        final: true,
        awaiting: null,
        route: 'CASIE',
        failedOver: false,
        orderRef: `MC${ids[0].replace(/-/g, '').toUpperCase()}`,
        casieOrderId: `CASIE-${ids[0].slice(0, 8)}`,
        taReference: 'TA-1',
        calastoneMessageId: null,
        externalRefs: { casieOrderId: `CASIE-${ids[0].slice(0, 8)}`, taReference: 'TA-1' },
        confirmedUnits: '2481.71',
        confirmedPrice: '100.737',
        confirmedPriceCurrency: 'EUR',
        confirmedSettlementAmount: '250000',
        confirmedSettlementCurrency: 'EUR',
        confirmation: {
          taReference: 'TA-1',
          units: '2481.71000',
          price: '100.7370',
          settlementAmount: '250000.00',
          currency: 'EUR',
        },
        nackReason: null,
        statusReason: null,
        uploadedBy: 'olivia.operator',
        approvedBy: APPROVER,
        uploadedAt: '2031-01-06T09:00:00.000Z',
        releasedAt: expect.stringMatching(/Z$/),
        finalStateAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      expect(rows.map((r) => [r.status, r.final])).toEqual([
        ['CONFIRMED', true],
        ['NACKED', true],
        ['INVALID', true],
        ['CANCELLED', true],
        ['ACKNOWLEDGED', true],
        ['DEAD_LETTERED', false],
      ]);
    });

    it('records every download in the audit log, with who asked for which window', async () => {
      const before = await auditCount('vera.viewer');
      expect((await download(`${window}&format=json`, testPrincipal('vera.viewer', 'viewer'))).status).toBe(
        200,
      );
      const [entry] = await dataSource.query<Array<Record<string, unknown>>>(
        `SELECT actor, outcome, target_type, source_ip, details FROM audit_log
         WHERE action = $1 AND actor = 'vera.viewer' ORDER BY id DESC LIMIT 1`,
        [HANDBACK_AUDIT_ACTION],
      );
      expect(await auditCount('vera.viewer')).toBe(before + 1);
      expect(entry).toMatchObject({
        outcome: 'SUCCESS',
        target_type: 'report',
        source_ip: expect.stringContaining('127.0.0.1'),
        details: { from: '2031-01-06T00:00:00.000Z', to: '2031-01-07T00:00:00.000Z', format: 'json' },
      });
    });
  });

  it('takes the batches uploaded in [from, to): from included, to excluded, dates at 00:00 UTC', async () => {
    const at = async (uploadedAt: string) =>
      (await seedBatch([{ status: 'CONFIRMED' }], uploadedAt)).tradeIds[0];
    const before = await at('2031-02-02T23:59:59.999Z');
    const first = await at('2031-02-03T00:00:00.000Z');
    const last = await at('2031-02-03T23:59:59.999Z');
    const after = await at('2031-02-04T00:00:00.000Z');
    const notApproved = (
      await seedBatch([{ status: 'VALID' }], '2031-02-03T12:00:00Z', undefined, { approved: false })
    ).tradeIds[0];

    const ids = async (query: string) => (await json(query)).map((r) => r.tradeId);
    expect(await ids('?from=2031-02-03&to=2031-02-04')).toEqual([first, notApproved, last]);
    expect(await ids('?from=2031-02-03T01:00:00%2B01:00&to=2031-02-04T00:00:00.000Z')).toEqual([
      first,
      notApproved,
      last,
    ]);
    expect(await ids('?from=2031-02-02T23:59:59.999Z&to=2031-02-03T00:00:00.001Z')).toEqual([before, first]);
    expect(await ids('?from=2031-02-04&to=2031-02-05')).toEqual([after]);
    const pending = (await json('?from=2031-02-03T12:00:00Z&to=2031-02-03T12:00:01Z'))[0];
    expect(pending).toMatchObject({ status: 'VALID', final: false, awaiting: 'APPROVAL', approvedBy: null });
  });

  it('answers an empty window with the header alone, or []', async () => {
    expect(await csv('?from=2031-12-01&to=2031-12-02')).toEqual([]);
    expect(await json('?from=2031-12-01&to=2031-12-02')).toEqual([]);
  });

  describe('refusals', () => {
    it.each([
      ['', 'INVALID_REQUEST', 'from is required'],
      ['?from=yesterday', 'INVALID_REQUEST', "from 'yesterday' is not a real date"],
      ['?from=2031-01-06T09:00:00', 'INVALID_REQUEST', 'has no offset: add Z for UTC'],
      ['?from=2031-01-06T09:00:00+01:00', 'INVALID_REQUEST', "lost the '+' of its offset: write it %2B"],
      ['?from=2031-01-06&to=2031-01-06', 'INVALID_WINDOW', 'the window is empty'],
      ['?from=2031-01-07&to=2031-01-06', 'INVALID_WINDOW', 'must be before to'],
      ['?from=2031-01-01&to=2031-03-01', 'INVALID_WINDOW', 'longer than 31 days'],
      ['?from=2031-01-06&format=xml', 'INVALID_REQUEST', 'format must be csv or json'],
      ['?from=2031-01-06&status=CONFIRMED', 'INVALID_REQUEST', 'Unrecognized key: "status"'],
    ])('%s → 400 %s', async (query, code, message) => {
      const res = await download(query);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).toContain(message);
    });

    it('writes no audit entry for a refused download', async () => {
      const before = await auditCount('refused.caller');
      expect((await download('?from=nope', testPrincipal('refused.caller', 'viewer'))).status).toBe(400);
      expect((await download('?from=2031-01-06', 'refused.caller:')).status).toBe(403);
      expect(await auditCount('refused.caller')).toBe(before);
    });
  });

  describe('access', () => {
    it.each(ROLES.map((role) => [role]))('lets %s download', async (role: Role) => {
      const res = await download('?from=2031-12-01&to=2031-12-02', testPrincipal(`someone.${role}`, role));
      expect(res.status).toBe(200);
      await res.body?.cancel();
    });

    it('refuses a caller without a reporting role (403) and one without credentials (401)', async () => {
      const forbidden = await download('?from=2031-12-01&to=2031-12-02', 'no.roles:');
      expect(forbidden.status).toBe(403);
      expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect((await download('?from=2031-12-01&to=2031-12-02', null)).status).toBe(401);
    });
  });

  it('is documented in OpenAPI: its query parameters, both formats, its refusals', async () => {
    const docs = await startTradesTestApp(dataSource, [DiscoveryModule, ReportsModule], setupOpenApi);
    try {
      const document = (await (await fetch(docs.api.replace(/\/api\/v1$/, '/api/docs-json'))).json()) as {
        paths: Record<string, { get: OpenApiOperation }>;
      };
      const operation = document.paths['/api/v1/reports/handback'].get;
      expect(operation.parameters.map((p) => [p.name, p.required])).toEqual([
        ['from', true],
        ['to', false],
        ['format', false],
      ]);
      expect(Object.keys(operation.responses)).toEqual(['200', '400', '401', '403']);
      expect(Object.keys(operation.responses['200'].content)).toEqual(['text/csv', 'application/json']);
      expect(JSON.stringify(operation.responses['200'])).toContain('confirmedSettlementAmount');
    } finally {
      await docs.close();
    }
  });

  it('streams 100,000 trades page by page, each once, in upload then row order', async () => {
    const sizes = [45_000, 40_000, 15_000];
    const batchIds: string[] = [];
    for (const [i, size] of sizes.entries()) {
      batchIds.push(await seedBulkTrades(dataSource, size, new Date(`2031-05-0${i + 1}T08:00:00Z`)));
    }
    const window = '?from=2031-05-01&to=2031-05-08';

    // The reader never holds more than a page.
    let pages = 0;
    let largest = 0;
    for await (const page of server.app.get(HandbackReader).pages({
      from: new Date('2031-05-01T00:00:00Z'),
      to: new Date('2031-05-08T00:00:00Z'),
    })) {
      pages++;
      largest = Math.max(largest, page.length);
    }
    expect(largest).toBe(TRADE_PAGE_ROWS);
    expect(pages).toBe(100);

    const res = await download(window);
    expect(res.status).toBe(200);
    let rows = 0;
    let previous = '';
    let rest = '';
    const seen = new Set<string>();
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const lines = (rest + decoder.decode(chunk, { stream: true })).split('\r\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('trade_id,')) continue;
        const [tradeId, batchId, row, clientRef] = line.split(',');
        const key = `${batchIds.indexOf(batchId)}:${row.padStart(6, '0')}`;
        expect(key > previous).toBe(true);
        expect(clientRef).toBe(`BULK-${row}`);
        previous = key;
        seen.add(tradeId);
        rows++;
      }
    }
    expect(rest).toBe('');
    expect(rows).toBe(100_000);
    expect(seen.size).toBe(100_000);
  }, 180_000);

  async function auditCount(actor: string): Promise<number> {
    const [{ n }] = await dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND actor = $2',
      [HANDBACK_AUDIT_ACTION, actor],
    );
    return n;
  }
});
