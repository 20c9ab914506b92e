import type { Batch, Me, Trade } from '../api/types';

export const aMe = (overrides: Partial<Me> = {}): Me => ({
  principal: 'approver-1',
  displayName: 'Approver One',
  roles: ['approver'],
  mfa: 'idp',
  csrfToken: 'csrf-1',
  ...overrides,
});

export const aBatch = (overrides: Partial<Batch> = {}): Batch => ({
  id: '11111111-1111-4111-8111-111111111111',
  fileName: 'trades.csv',
  sha256: 'ab',
  sizeBytes: 2048,
  status: 'AWAITING_APPROVAL',
  counts: {
    total: 3,
    received: 0,
    valid: 2,
    invalid: 1,
    released: 0,
    dispatched: 0,
    acknowledged: 0,
    confirmed: 0,
    nacked: 0,
    outcomeUnknown: 0,
    deadLettered: 0,
    cancelled: 0,
    possibleDuplicates: 1,
  },
  uploadedBy: 'operator-1',
  uploadedAt: '2026-12-04T09:00:00Z',
  approvedBy: null,
  approvedAt: null,
  rejectedBy: null,
  rejectedAt: null,
  decisionComment: null,
  failure: null,
  ...overrides,
});

let n = 0;
export const aTrade = (overrides: Partial<Trade> = {}): Trade => {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    batchId: '11111111-1111-4111-8111-111111111111',
    row: n,
    clientRef: `REF-${n}`,
    orderType: 'SUBSCRIPTION',
    fundIsin: 'IE00B4L5Y983',
    accountId: `ACC-${n}`,
    amount: '1000.00',
    currency: 'EUR',
    units: null,
    tradeDate: '2026-12-07',
    settlementDate: null,
    comment: null,
    status: 'RELEASED',
    route: 'CASIE',
    orderRef: null,
    possibleDuplicate: false,
    errors: [],
    externalRefs: {},
    version: 1,
    createdAt: '2026-12-04T09:00:00Z',
    updatedAt: '2026-12-04T09:00:00Z',
    ...overrides,
  };
};

/** A JSON fetch stand-in answering by "METHOD path" (query string ignored). */
export function fakeFetch(routes: Record<string, unknown>) {
  const calls: Array<{ method: string; url: string; headers: Record<string, string>; body?: string }> = [];
  const fetch = (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({
      method,
      url,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body as string | undefined,
    });
    const answer = routes[`${method} ${url.split('?')[0]}`];
    if (answer instanceof Response) return Promise.resolve(answer.clone());
    if (answer === undefined)
      return Promise.resolve(
        new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no route' } }), { status: 404 }),
      );
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
  };
  return { fetch, calls };
}
