import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { createSetrValidator, type SetrValidator } from '@contingency/iso20022';
import {
  expectEventually,
  TEST_PRINCIPAL_HEADER,
  testPrincipal,
  TestPrincipalGuard,
} from '@contingency/testing';
import { calastoneFolders } from './calastone-mailbox';
import { CalastoneSimulatorModule } from './calastone-simulator.module';
import type { CalastoneOrderItem } from './calastone-simulator.service';
import {
  anOrder,
  answersFor,
  describeAnswer,
  dropOrder,
  expectXsdValid,
  readInbox,
  testXsdDir,
} from './testing/calastone-mailbox.kit';

const SRE = testPrincipal('sre-1', 'sre');
const ADMIN = testPrincipal('admin-1', 'admin');

// The simulator as the apps run it: a Nest module polling real folders on its own, its /sim/calastone
// routes over real HTTP behind the role guard, its journal on disk across a restart.
describe(CalastoneSimulatorModule.name, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'calastone-sim-app-'));
  const root = join(dataDir, 'calastone');
  const folders = calastoneFolders(root, 'to-calastone', 'from-calastone');
  let validator: SetrValidator;
  let app: INestApplication;
  let url: string;

  async function start(): Promise<void> {
    @Module({
      imports: [
        CalastoneSimulatorModule.forRoot({
          root,
          outboundDir: 'to-calastone',
          inboundDir: 'from-calastone',
          pollMs: 50,
          dataDir,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: TestPrincipalGuard }],
    })
    class CalastoneOnly {}
    app = await NestFactory.create(CalastoneOnly, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/sim/calastone`;
  }

  const call = (path: string, principal?: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(principal ? { [TEST_PRINCIPAL_HEADER]: principal } : {}),
      },
    });
  const putRules = (rules: unknown, principal = SRE) =>
    call('/rules', principal, { method: 'PUT', body: JSON.stringify(rules) });
  const received = async () =>
    (await (await call('/orders', SRE)).json()) as { items: CalastoneOrderItem[]; duplicates: number };

  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
    await start();
  });

  afterAll(async () => {
    await app?.close();
    await validator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => expect((await putRules({})).status).toBe(200));

  it('answers the orders dropped in the outbox on its own: RECE, PACK, confirmation', async () => {
    const order = anOrder();
    dropOrder(folders.outbound, order);

    await expectEventually(() =>
      expect(answersFor(readInbox(folders.inbound), order.orderRef).map(describeAnswer)).toEqual([
        'RECE',
        'PACK',
        'CONF:setr.012.001.05',
      ]),
    );
    expect((await received()).items.find((i) => i.orderRef === order.orderRef)).toMatchObject({
      status: 'CONFIRMED',
      accountId: order.accountId,
      fundIsin: order.fundIsin,
      receipts: 1,
    });
  });

  it('answers by the rules PUT at run time: rejections, out of order, repeated, .001.04', async () => {
    const rules = {
      rejections: [{ accountId: 'ACC-REFUSED', reasonCode: 'SAFE', reasonText: 'unknown account' }],
      confirmationVersion: '001.04',
      outOfOrder: true,
      repeatReports: true,
    };
    const put = await putRules(rules, ADMIN);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ ...rules, confirm: true, answerDelayMs: 0 });
    expect(await (await call('/rules', SRE)).json()).toEqual({ ...rules, confirm: true, answerDelayMs: 0 });
    const refused = anOrder({ accountId: 'ACC-REFUSED' });
    const accepted = anOrder({ orderType: 'REDEMPTION', amount: null, currency: null, units: '12.5' });
    dropOrder(folders.outbound, refused);
    dropOrder(folders.outbound, accepted);

    await expectEventually(() => {
      const inbox = readInbox(folders.inbound);
      expect(answersFor(inbox, refused.orderRef).map(describeAnswer)).toEqual([
        'RECE',
        'RECE',
        'RJCT:SAFE',
        'RJCT:SAFE',
      ]);
      expect(answersFor(inbox, accepted.orderRef).map(describeAnswer)).toEqual([
        'RECE',
        'RECE',
        'CONF:setr.006.001.04',
        'CONF:setr.006.001.04',
        'PACK',
        'PACK',
      ]);
    });
  });

  it('counts an OrdrRef sent twice as one item and one duplicate, answered ORRF', async () => {
    const order = anOrder();
    dropOrder(folders.outbound, order, 1);
    await expectEventually(async () =>
      expect((await received()).items.some((i) => i.orderRef === order.orderRef)).toBe(true),
    );
    const before = (await received()).duplicates;
    dropOrder(folders.outbound, order, 2);

    await expectEventually(async () => expect((await received()).duplicates).toBe(before + 1));
    await expectEventually(() =>
      expect(answersFor(readInbox(folders.inbound), order.orderRef).map(describeAnswer).at(-1)).toBe(
        'RJCT:ORRF',
      ),
    );
    expect((await received()).items.filter((i) => i.orderRef === order.orderRef)).toHaveLength(1);
  });

  it('lets only SRE and admins see the orders and read or change the rules', async () => {
    expect((await call('/orders')).status).toBe(401);
    for (const role of ['viewer', 'operator', 'approver', 'downstream'] as const) {
      const principal = testPrincipal(`${role}-1`, role);
      expect((await call('/orders', principal)).status).toBe(403);
      expect((await call('/rules', principal)).status).toBe(403);
      expect((await putRules({ confirm: false }, principal)).status).toBe(403);
    }
    expect((await call('/orders', ADMIN)).status).toBe(200);
    expect((await call('/rules', SRE)).status).toBe(200);
    expect(await (await call('/rules', SRE)).json()).toMatchObject({ confirm: true });
  });

  it('refuses rules off the schema with a message naming the field, and keeps the ones in force', async () => {
    await putRules({ answerDelayMs: 5 });
    const res = await putRules({ rejections: [{ reasonCode: 'LATER' }] });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_RULES',
      message: expect.stringMatching(/^rejections\.0\.reasonCode: /),
    });
    expect(await (await call('/rules', SRE)).json()).toMatchObject({ answerDelayMs: 5 });
  });

  it('keeps what it collected across a restart (the journal)', async () => {
    const before = await received();
    expect(before.items.length).toBeGreaterThan(0);
    await app.close();
    await start();

    expect(await received()).toEqual(before);
  });

  it('wrote only XSD-valid documents to the inbox (in-process and xmllint)', () => {
    expectXsdValid(validator, readInbox(folders.inbound));
  });
});
