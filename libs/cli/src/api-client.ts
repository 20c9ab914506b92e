import type { z } from 'zod';
import { ApiCallError, CliError, UsageError } from './cli.error';
import type { CliDeps } from './cli-deps';

export const DEFAULT_URL = 'http://localhost:8080';

export interface RequestOptions {
  query?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType` (a FormData sets its own). */
  body?: RequestInit['body'];
  contentType?: string;
}

/** A thin client of the REST API: Bearer auth, JSON in and out, `{ error }` answers as ApiCallError. */
export class ApiClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly fetchFn: typeof fetch,
  ) {}

  static fromEnv(deps: Pick<CliDeps, 'env' | 'fetch'>): ApiClient {
    const url = (deps.env.CONTINGENCY_URL?.trim() || DEFAULT_URL).replace(/\/+$/, '');
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new UsageError(
        `CONTINGENCY_URL ${JSON.stringify(url)} is not an http(s) URL such as ${DEFAULT_URL}`,
      );
    }
    const apiKey = deps.env.CONTINGENCY_API_KEY?.trim();
    if (!apiKey) {
      throw new UsageError(
        'CONTINGENCY_API_KEY is not set: export an API key (an admin creates one with "apikey create")',
      );
    }
    return new ApiClient(url, apiKey, deps.fetch);
  }

  async json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    options: RequestOptions = {},
  ): Promise<z.infer<S>> {
    const response = await this.send(method, path, options);
    const body = await this.readJson(response, method, path);
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new CliError(
        `unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? 'bad shape'}`,
      );
    return parsed.data;
  }

  async text(method: string, path: string, options: RequestOptions = {}): Promise<string> {
    return (await this.send(method, path, options)).text();
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(`${this.baseUrl}/api/v1${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.apiKey}`,
      accept: 'application/json',
    };
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.contentType) {
      headers['content-type'] = options.contentType;
    }
    let response: Response;
    try {
      response = await this.fetchFn(url, { method, headers, body });
    } catch (error) {
      throw new CliError(
        `cannot reach ${this.baseUrl} (${causeOf(error)}): is the service up, and is CONTINGENCY_URL right?`,
      );
    }
    if (!response.ok) throw await apiError(response);
    return response;
  }

  private async readJson(response: Response, method: string, path: string): Promise<unknown> {
    const text = await response.text();
    try {
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      throw new CliError(`unexpected answer from ${method} ${path}: not JSON (HTTP ${response.status})`);
    }
  }
}

async function apiError(response: Response): Promise<ApiCallError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details =
      typeof error.details === 'object' && error.details !== null
        ? (error.details as Record<string, unknown>)
        : undefined;
    return new ApiCallError(response.status, error.code, error.message, details);
  }
  // Not our API's answer (a proxy, a load balancer): show what there is.
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new ApiCallError(
    response.status,
    `HTTP_${response.status}`,
    snippet || response.statusText || 'no body',
  );
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
