import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CasieOrderJournal } from './casie-order.journal';
import { CasieSimulatorController } from './casie-simulator.controller';
import { CasieSimulator } from './casie-simulator.service';

const ORDER = {
  orderRef: 'MC7B0C1C0A8D4E4B7E9A433F1C1D1E0002',
  clientRef: 'SS-001',
  orderType: 'SUBSCRIPTION',
  fundIsin: 'IE00B4L5Y983',
  accountId: 'ACC-1',
  amount: '1000.5',
  currency: 'EUR',
  units: null,
  tradeDate: '2026-12-04',
  settlementDate: null,
};

// The Casie API of the simulator over real HTTP (Casie alone: no TA, no bus), in each of its modes.
describe(CasieSimulatorController.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'casie-sim-'));
  const journalFile = join(dir, 'simulators', 'casie-orders.jsonl');
  let app: INestApplication;
  let url: string;
  let n = 0;

  async function start(): Promise<void> {
    @Module({
      controllers: [CasieSimulatorController],
      providers: [
        CasieSimulator,
        { provide: CasieOrderJournal, useValue: new CasieOrderJournal(journalFile) },
      ],
    })
    class CasieOnly {}
    app = await NestFactory.create(CasieOnly, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/sim/casie`;
  }

  const post = (order: Record<string, unknown>, key = order.orderRef as string, signal?: AbortSignal) =>
    fetch(`${url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(order),
      signal,
    });
  const next = () => ({ ...ORDER, orderRef: `MCTEST${String(++n).padStart(6, '0')}` });
  const setMode = (mode: Record<string, unknown>) =>
    fetch(`${url}/mode`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mode),
    });

  beforeAll(start);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => expect((await setMode({ mode: 'up' })).status).toBe(200));

  it('accepts once (201), answers the same key again with the first id (200) and counts it', async () => {
    const order = next();
    const first = await post(order);
    const again = await post(order);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const id = ((await first.json()) as { casieOrderId: string }).casieOrderId;
    expect(await again.json()).toEqual({ casieOrderId: id });
    const status = await fetch(`${url}/orders/${order.orderRef}`);
    expect(await status.json()).toMatchObject({ orderRef: order.orderRef, casieOrderId: id });
    const received = (await (await fetch(`${url}/orders`)).json()) as {
      items: Array<{ orderRef: string; posts: number }>;
      duplicates: number;
    };
    expect(received.items.find((i) => i.orderRef === order.orderRef)?.posts).toBe(2);
    expect(received.duplicates).toBe(1);
  });

  it('refuses with { reason }: no key, a key that is not the orderRef, a body off the contract, a REJECT reference', async () => {
    const order = next();
    const cases: Array<[Response, number, RegExp]> = [
      [
        await fetch(`${url}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(order),
        }),
        400,
        /Idempotency-Key/,
      ],
      [await post(order, 'MCOTHER'), 422, /must equal the Idempotency-Key/],
      [await post({ ...order, units: '1' }), 422, /exactly one of amount and units/],
      [await post({ ...order, clientRef: 'REJECT-1' }), 422, /REJECT/],
    ];
    for (const [res, status, reason] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { reason: string }).reason).toMatch(reason);
    }
    expect((await fetch(`${url}/orders/${order.orderRef}`)).status).toBe(404);
  });

  it('is down with 503, or by closing the connection, for both calls', async () => {
    await setMode({ mode: 'down' });
    expect((await post(next())).status).toBe(503);
    expect((await fetch(`${url}/orders/${ORDER.orderRef}`)).status).toBe(503);

    await setMode({ mode: 'down', downWith: 'reset' });
    await expect(post(next())).rejects.toThrow();
  });

  it('is flaky by a seeded sequence: the same seed, the same failures', async () => {
    const run = async () => {
      await setMode({ mode: 'flaky', failureRatio: 0.5, seed: 9 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await post(next())).status);
      return statuses.map((s) => (s === 503 ? 'x' : '.')).join('');
    };
    const first = await run();

    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await run()).toBe(first);
  });

  it('answers slowly when slow', async () => {
    await setMode({ mode: 'slow', delayMs: 300 });
    const started = Date.now();

    expect((await post(next())).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('records the order then never answers in accept-then-timeout; the status query says it has it', async () => {
    await setMode({ mode: 'accept-then-timeout', delayMs: 60_000 });
    const order = next();

    await expect(post(order, order.orderRef, AbortSignal.timeout(300))).rejects.toThrow();
    const status = await fetch(`${url}/orders/${order.orderRef}`);
    expect(status.status).toBe(200);
  });

  it('refuses an unknown mode with a clear message', async () => {
    const res = await setMode({ mode: 'sideways' });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_MODE',
      message: expect.stringMatching(/^mode: /),
    });
    expect(await (await fetch(`${url}/mode`)).json()).toMatchObject({ mode: 'up' });
  });

  it('keeps what it received across a restart (the journal), duplicates included', async () => {
    const before = (await (await fetch(`${url}/orders`)).json()) as { items: unknown[]; duplicates: number };
    await app.close();
    await start();

    expect(await (await fetch(`${url}/orders`)).json()).toEqual(before);
  });
});
