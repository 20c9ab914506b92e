import type { Order } from '@contingency/contracts';
import { CasieAccepted, CasieOrderStatus, CasieRefusal, toCasieOrder } from './casie-order';

/** What one POST /orders told us. Only `unavailable` proves that Casie does not have the order. */
export type SubmitResult =
  | { kind: 'accepted'; casieOrderId: string; httpStatus: number }
  | { kind: 'rejected'; httpStatus: number; reason: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'unknown'; reason: string };

/** What GET /orders/{orderRef} told us. */
export type StatusResult =
  | { kind: 'received'; casieOrderId: string }
  | { kind: 'not-received' }
  | { kind: 'unreachable'; reason: string };

export interface CasieClientOptions {
  /** CASIE_URL: POST {baseUrl}/orders, GET {baseUrl}/orders/{orderRef}. */
  baseUrl: string;
  /** After this the request is abandoned; for a POST the outcome is then unknown. */
  timeoutMs: number;
}

// The request never left: nothing can have reached Casie.
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Casie contract v1 over HTTP (docs/contracts/casie-order-v1.md): one POST per order, idempotent by orderRef. */
export class CasieClient {
  private readonly baseUrl: string;

  constructor(private readonly options: CasieClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Where the orders go, as a bounded metric label: the origin of CASIE_URL. */
  get destination(): string {
    return new URL(this.baseUrl).host;
  }

  async submit(order: Order): Promise<SubmitResult> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': order.orderRef },
        body: JSON.stringify(toCasieOrder(order)),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      // Refused before sending: Casie cannot have it. Anything later (timeout, reset) may have reached it.
      return notConnected(error)
        ? { kind: 'unavailable', reason: describe(error) }
        : { kind: 'unknown', reason: describe(error) };
    }
    const body = await readJson(response);
    if (response.status === 200 || response.status === 201) {
      const accepted = CasieAccepted.safeParse(body);
      // Accepted without an id we can read: Casie has it, the status query will tell us its id.
      return accepted.success
        ? { kind: 'accepted', casieOrderId: accepted.data.casieOrderId, httpStatus: response.status }
        : { kind: 'unknown', reason: `HTTP ${response.status} without a casieOrderId` };
    }
    // A gateway timeout in front of Casie says nothing about whether Casie recorded the order.
    if (response.status === 504) return { kind: 'unknown', reason: 'HTTP 504' };
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      return { kind: 'unavailable', reason: `HTTP ${response.status}${reasonSuffix(body)}` };
    }
    if (response.status >= 400) {
      const refusal = CasieRefusal.safeParse(body);
      return {
        kind: 'rejected',
        httpStatus: response.status,
        reason: refusal.success ? refusal.data.reason : response.statusText || `HTTP ${response.status}`,
      };
    }
    return { kind: 'unknown', reason: `unexpected HTTP ${response.status}` };
  }

  async status(orderRef: string): Promise<StatusResult> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/orders/${encodeURIComponent(orderRef)}`, {
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      return { kind: 'unreachable', reason: describe(error) };
    }
    const body = await readJson(response);
    if (response.status === 404) return { kind: 'not-received' };
    if (response.status === 200) {
      const status = CasieOrderStatus.safeParse(body);
      if (status.success) return { kind: 'received', casieOrderId: status.data.casieOrderId };
      return { kind: 'unreachable', reason: 'HTTP 200 without a casieOrderId' };
    }
    return { kind: 'unreachable', reason: `HTTP ${response.status}${reasonSuffix(body)}` };
  }
}

// Always consume the body, so that the connection goes back to the pool.
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

function reasonSuffix(body: unknown): string {
  const refusal = CasieRefusal.safeParse(body);
  return refusal.success ? `: ${refusal.data.reason.slice(0, 200)}` : '';
}

// Duck-typed, not instanceof: fetch's errors may come from another realm (a test runner's sandbox).
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
}

const asErrorLike = (value: unknown): ErrorLike => (typeof value === 'object' && value !== null ? value : {});

function notConnected(error: unknown): boolean {
  const cause = asErrorLike(asErrorLike(error).cause);
  const nested = Array.isArray(cause.errors) ? (cause.errors as unknown[]) : [];
  return [cause, ...nested.map(asErrorLike)].some(
    (e) => typeof e.code === 'string' && NOT_CONNECTED.has(e.code),
  );
}

function describe(error: unknown): string {
  const outer = asErrorLike(error);
  if (outer.name === 'TimeoutError') return 'timeout';
  const cause = outer.cause === undefined ? outer : asErrorLike(outer.cause);
  const message = typeof cause.message === 'string' ? cause.message : String(error);
  const code = typeof cause.code === 'string' ? cause.code : undefined;
  return (code && !message.includes(code) ? `${code}: ${message}` : message) || 'connection failed';
}
