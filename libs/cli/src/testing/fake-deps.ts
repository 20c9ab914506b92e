import type { CliDeps } from '../cli-deps';

// Test-only: a CliDeps whose network is a function of the request, whose output is recorded.

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: RequestInit['body'];
}

export type FakeServer = (request: RecordedRequest) => Response | Promise<Response>;

export interface FakeCli {
  deps: CliDeps;
  requests: RecordedRequest[];
  stdout: () => string;
  stderr: () => string;
  slept: number[];
}

export const API = 'http://gateway.test:8080';

export function fakeCli(server: FakeServer = () => json(404, {}), overrides: Partial<CliDeps> = {}): FakeCli {
  const requests: RecordedRequest[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const slept: number[] = [];
  const fetchFake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      url: new URL(input instanceof Request ? input.url : input),
      headers: new Headers(init?.headers),
      body: init?.body,
    };
    requests.push(request);
    return server(request);
  };
  return {
    requests,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    slept,
    deps: {
      env: { CONTINGENCY_URL: API, CONTINGENCY_API_KEY: 'mck_test_key' },
      fetch: fetchFake,
      stdout: (text) => void out.push(text),
      stderr: (text) => void err.push(text),
      readFile: (path) => Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })),
      openAsBlob: (path) => Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })),
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
      migrate: () => Promise.reject(new Error('no database in unit specs')),
      ...overrides,
    },
  };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function apiError(status: number, code: string, message: string, details?: unknown): Response {
  return json(status, { error: { code, message, ...(details !== undefined && { details }) } });
}

export const BATCH_ID = '5b1c1c8e-8a8e-4c39-9d0c-3f7e1d2a9b10';

export function batch(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: BATCH_ID,
    fileName: 'trades.csv',
    sha256: 'ab'.repeat(32),
    sizeBytes: 2048,
    status: 'AWAITING_APPROVAL',
    counts: { total: 5, received: 0, valid: 4, invalid: 1, released: 0, possibleDuplicates: 0 },
    uploadedBy: 'olivia.operator',
    uploadedAt: '2026-03-02T09:15:00.000Z',
    approvedBy: null,
    approvedAt: null,
    rejectedBy: null,
    rejectedAt: null,
    decisionComment: null,
    failure: null,
    ...overrides,
  };
}
