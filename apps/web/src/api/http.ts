/** A refusal from the API: `{ error: { code, message, details } }` with the HTTP status kept. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_COOKIE = 'mc_csrf';
let csrfToken: string | undefined;

/** Set from GET /auth/me; the mc_csrf cookie is the fallback (the same value). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function currentCsrfToken(): string | undefined {
  if (csrfToken) return csrfToken;
  const match = document.cookie.split(';').find((c) => c.trim().startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.trim().slice(CSRF_COOKIE.length + 1)) : undefined;
}

/** Headers every state-changing request by session cookie must carry. */
export function writeHeaders(method: string): Record<string, string> {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return {};
  const token = currentCsrfToken();
  return token ? { 'X-CSRF-Token': token } : {};
}

export async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  return parseError(response.status, text);
}

export function parseError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    };
    if (body.error?.code)
      return new ApiError(status, body.error.code, body.error.message ?? body.error.code, body.error.details);
  } catch {
    // not JSON: fall through to the status alone
  }
  return new ApiError(status, `HTTP_${status}`, text.slice(0, 200) || `The server answered ${status}.`);
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** JSON in, JSON out, same-origin cookies, the CSRF header on writes; a refusal throws ApiError. */
export async function request<T>(
  method: string,
  path: string,
  { body, query, contentType }: { body?: unknown; query?: Query; contentType?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...writeHeaders(method) };
  let payload: BodyInit | undefined;
  if (typeof body === 'string') {
    payload = body;
    headers['Content-Type'] = contentType ?? 'text/plain';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(withQuery(path, query), {
    method,
    headers,
    body: payload,
    credentials: 'same-origin',
  });
  if (!response.ok) throw await errorFrom(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: string, contentType: string) => request<T>('PUT', path, { body, contentType }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
