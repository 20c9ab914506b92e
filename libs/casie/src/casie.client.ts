import type { Order } from '@contingency/contracts';

export type CasieResult =
  | { kind: 'accepted'; casieOrderId: string }
  | { kind: 'rejected'; status: number; reason: string }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'unknown'; reason: string };

export interface CasieClientOptions {
  baseUrl: string;
  timeoutMs: number;
}

/** Casie contract v1 (docs/contracts/casie-order-v1.md): one POST per order, idempotent by orderRef. */
export class CasieClient {
  constructor(private readonly options: CasieClientOptions) {}

  async submit(order: Order): Promise<CasieResult> {
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': order.orderRef },
        body: JSON.stringify(toCasieOrder(order)),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      // A refused connection never reached Casie; a timeout may have: only a status query can tell.
      if (error instanceof Error && error.name === 'TimeoutError')
        return { kind: 'unknown', reason: 'timeout' };
      return { kind: 'unavailable', reason: describe(error) };
    }
    const body = (await response.json().catch(() => ({}))) as { casieOrderId?: string; reason?: string };
    if (response.ok && body.casieOrderId) return { kind: 'accepted', casieOrderId: body.casieOrderId };
    if (response.status >= 400 && response.status < 500) {
      return { kind: 'rejected', status: response.status, reason: body.reason ?? response.statusText };
    }
    return { kind: 'unavailable', reason: `HTTP ${response.status}` };
  }
}

export function toCasieOrder(order: Order) {
  return {
    orderRef: order.orderRef,
    clientRef: order.clientRef,
    orderType: order.orderType,
    fundIsin: order.fundIsin,
    accountId: order.accountId,
    amount: order.amount,
    currency: order.currency,
    units: order.units,
    tradeDate: order.tradeDate,
    settlementDate: order.settlementDate,
  };
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
