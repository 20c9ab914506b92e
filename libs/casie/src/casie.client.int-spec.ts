import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Order } from '@contingency/contracts';
import { CasieClient } from './casie.client';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const order: Order = {
  orderRef: 'MC7B0C1C0A8D4E4B7E9A433F1C1D1E0002',
  tradeId: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0002',
  batchId: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0001',
  clientRef: 'SS-001',
  orderType: 'SUBSCRIPTION',
  fundIsin: 'IE00B4L5Y983',
  accountId: 'ACC-1',
  amount: '1000.5',
  currency: 'EUR',
  units: null,
  tradeDate: '2026-12-04',
  settlementDate: null,
  routeReason: 'primary route',
};

// A real HTTP server on loopback that answers as each test says: what the client makes of every answer.
describe(CasieClient.name, () => {
  let server: Server;
  let handler: Handler;
  let client: CasieClient;
  const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> =
    [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        handler(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new CasieClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/casie/`,
      timeoutMs: 500,
    });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => (seen.length = 0));

  const answer =
    (status: number, body?: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };

  it('POSTs the Casie order with the order reference as Idempotency-Key, and reads 201', async () => {
    handler = answer(201, { casieOrderId: 'CASIE-1' });

    expect(await client.submit(order)).toEqual({
      kind: 'accepted',
      casieOrderId: 'CASIE-1',
      httpStatus: 201,
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/casie/orders' });
    expect(seen[0].headers['idempotency-key']).toBe(order.orderRef);
    expect(JSON.parse(seen[0].body)).toEqual({
      orderRef: order.orderRef,
      clientRef: 'SS-001',
      orderType: 'SUBSCRIPTION',
      fundIsin: 'IE00B4L5Y983',
      accountId: 'ACC-1',
      amount: '1000.5',
      currency: 'EUR',
      units: null,
      tradeDate: '2026-12-04',
      settlementDate: null,
    });
  });

  it('takes 200 (the same key again) as the first answer', async () => {
    handler = answer(200, { casieOrderId: 'CASIE-1' });
    expect(await client.submit(order)).toMatchObject({ kind: 'accepted', casieOrderId: 'CASIE-1' });
  });

  it("reads a 4xx as a rejection with Casie's reason", async () => {
    handler = answer(422, { reason: 'account blocked' });
    expect(await client.submit(order)).toEqual({
      kind: 'rejected',
      httpStatus: 422,
      reason: 'account blocked',
    });
  });

  it.each([500, 502, 503, 408, 429])('reads %i as unavailable (retryable)', async (status) => {
    handler = answer(status, { reason: 'busy' });
    expect(await client.submit(order)).toEqual({ kind: 'unavailable', reason: `HTTP ${status}: busy` });
  });

  it('reads a refused connection as unavailable: nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const result = await new CasieClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 }).submit(
      order,
    );
    expect(result).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/ECONNREFUSED/) });
  });

  it.each<[string, Handler]>([
    ['a timeout after sending', () => undefined],
    ['a connection closed after sending', (req) => req.socket.destroy()],
    ['a gateway timeout', answer(504)],
    ['a 201 without an id', answer(201, { ok: true })],
  ])('reads %s as outcome unknown', async (_name, h) => {
    handler = h;
    expect(await client.submit(order)).toMatchObject({ kind: 'unknown' });
  });

  it('asks GET /orders/{orderRef}: 200 received, 404 not received, anything else unreachable', async () => {
    handler = answer(200, {
      orderRef: order.orderRef,
      casieOrderId: 'CASIE-9',
      receivedAt: '2026-12-04T09:00:00Z',
    });
    expect(await client.status(order.orderRef)).toEqual({ kind: 'received', casieOrderId: 'CASIE-9' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: `/casie/orders/${order.orderRef}` });

    handler = answer(404, { reason: 'unknown order' });
    expect(await client.status(order.orderRef)).toEqual({ kind: 'not-received' });

    handler = answer(503);
    expect(await client.status(order.orderRef)).toEqual({ kind: 'unreachable', reason: 'HTTP 503' });

    handler = () => undefined;
    expect(await client.status(order.orderRef)).toEqual({ kind: 'unreachable', reason: 'timeout' });
  });
});
