import type { DataSource } from 'typeorm';
import { createTestDatabase, TEST_PRINCIPAL_HEADER, testPrincipal } from '@contingency/testing';
import { startTradesTestApp, type TradesTestApp } from '../trades/testing/trades-test-app';
import { AuditModule } from './audit.module';
import type { AuditPage } from './audit.view';

const ADMIN = testPrincipal('ada.admin', 'admin');

interface Seed {
  at: string;
  actor: string;
  action: string;
  outcome?: 'SUCCESS' | 'DENIED' | 'FAILED';
  targetType?: string;
  targetId?: string;
}

describe(AuditModule.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let server: TradesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('audit_api');
    dataSource = db.dataSource;
    server = await startTradesTestApp(dataSource, [AuditModule]);
    // Older entries first, as the trail grows; at is explicit so that from/to can be checked.
    await seed([
      { at: '2026-12-01T08:00:00Z', actor: 'olivia', action: 'UPLOAD', targetType: 'batch', targetId: 'b1' },
      { at: '2026-12-01T09:00:00Z', actor: 'adam', action: 'APPROVE', targetType: 'batch', targetId: 'b1' },
      {
        at: '2026-12-02T09:00:00Z',
        actor: 'olivia',
        action: 'APPROVE',
        outcome: 'DENIED',
        targetType: 'batch',
        targetId: 'b2',
      },
      {
        at: '2026-12-03T10:00:00Z',
        actor: 'sam',
        action: 'trade.resolve',
        targetType: 'trade',
        targetId: 't1',
      },
      {
        at: '2026-12-04T11:00:00Z',
        actor: 'ada',
        action: 'API_KEY_CREATED',
        targetType: 'api_key',
        targetId: 'k1',
      },
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  async function seed(entries: Seed[]): Promise<void> {
    for (const e of entries) {
      await dataSource.query(
        `INSERT INTO audit_log (at, actor, action, outcome, target_type, target_id, source_ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, '10.1.2.3', 'curl/8')`,
        [e.at, e.actor, e.action, e.outcome ?? 'SUCCESS', e.targetType ?? null, e.targetId ?? null],
      );
    }
  }

  async function list(query: string, as = ADMIN): Promise<{ status: number; body: AuditPage & Answer }> {
    const res = await fetch(`${server.api}/audit${query}`, { headers: { [TEST_PRINCIPAL_HEADER]: as } });
    return { status: res.status, body: (await res.json()) as AuditPage & Answer };
  }
  interface Answer {
    error: { code: string; message: string };
  }
  const actions = (page: AuditPage) => page.items.map((i) => `${i.actor}:${i.action}`);

  it('lists the trail newest first with who, what, when, from where and the outcome', async () => {
    const { status, body } = await list('');

    expect(status).toBe(200);
    expect(body.nextCursor).toBeUndefined();
    expect(actions(body)).toEqual([
      'ada:API_KEY_CREATED',
      'sam:trade.resolve',
      'olivia:APPROVE',
      'adam:APPROVE',
      'olivia:UPLOAD',
    ]);
    expect(body.items[2]).toEqual({
      id: expect.stringMatching(/^\d+$/) as unknown,
      at: '2026-12-02T09:00:00.000Z',
      actor: 'olivia',
      action: 'APPROVE',
      outcome: 'DENIED',
      targetType: 'batch',
      targetId: 'b2',
      sourceIp: '10.1.2.3',
      userAgent: 'curl/8',
      correlationId: null,
      details: {},
    });
  });

  it.each([
    ['?actor=olivia', ['olivia:APPROVE', 'olivia:UPLOAD']],
    ['?action=APPROVE', ['olivia:APPROVE', 'adam:APPROVE']],
    ['?targetType=batch&targetId=b1', ['adam:APPROVE', 'olivia:UPLOAD']],
    ['?outcome=denied', ['olivia:APPROVE']],
    ['?outcome=SUCCESS&action=APPROVE', ['adam:APPROVE']],
    ['?from=2026-12-02T09:00:00Z', ['ada:API_KEY_CREATED', 'sam:trade.resolve', 'olivia:APPROVE']],
    ['?to=2026-12-02T09:00:00Z', ['adam:APPROVE', 'olivia:UPLOAD']],
    [
      '?from=2026-12-01T10:00:00%2B01:00&to=2026-12-03T12:00:00Z',
      ['sam:trade.resolve', 'olivia:APPROVE', 'adam:APPROVE'],
    ],
    ['?actor=nobody', []],
  ])('filters %s', async (query, expected) => {
    const { status, body } = await list(query);
    expect(status).toBe(200);
    expect(actions(body)).toEqual(expected);
  });

  it('pages by cursor without gaps or repeats, and the last page has no nextCursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      seen.push(...actions(body));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual((await list('')).body.items.map((i) => `${i.actor}:${i.action}`));
  });

  it('keeps the filters across pages', async () => {
    const first = await list('?action=APPROVE&limit=1');
    expect(actions(first.body)).toEqual(['olivia:APPROVE']);
    const second = await list(`?action=APPROVE&limit=1&cursor=${first.body.nextCursor}`);
    expect(actions(second.body)).toEqual(['adam:APPROVE']);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('shows an entry written after the first page was read on a fresh first page, not in later pages', async () => {
    const first = await list('?actor=olivia&limit=1');
    await seed([{ at: '2026-12-05T00:00:00Z', actor: 'olivia', action: 'UPLOAD', targetId: 'b9' }]);
    const second = await list(`?actor=olivia&limit=5&cursor=${first.body.nextCursor}`);
    expect(actions(second.body)).toEqual(['olivia:UPLOAD']);
    expect((await list('?actor=olivia&limit=1')).body.items[0].targetId).toBe('b9');
  });

  it.each([
    ['?limit=0', 'limit must be at least 1'],
    ['?limit=501', 'limit must be at most 500'],
    ['?limit=ten', 'limit must be a whole number'],
    ['?outcome=MAYBE', 'outcome must be one of SUCCESS, DENIED, FAILED'],
    ['?from=yesterday', 'from must be an ISO 8601 date-time'],
    ['?to=2026-12-01', 'to must be an ISO 8601 date-time'],
    ['?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', 'from must be before to'],
    ['?actor=', 'actor must not be empty'],
    ['?colour=red', 'colour'],
    ['?cursor=bm90LWEtY3Vyc29y', 'cursor is not one this API issued'],
  ])('refuses %s with 400 and a message that says what is wrong', async (query, message) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(['INVALID_REQUEST', 'INVALID_CURSOR']).toContain(body.error.code);
    expect(body.error.message).toContain(message);
  });

  it('accepts a limit of 500', async () => {
    expect((await list('?limit=500')).status).toBe(200);
  });

  it('is for admins only', async () => {
    for (const role of ['operator', 'approver', 'viewer', 'sre', 'downstream'] as const) {
      expect([role, (await list('', testPrincipal('someone', role))).status]).toEqual([role, 403]);
    }
    expect((await fetch(`${server.api}/audit`)).status).toBe(401);
  });
});
