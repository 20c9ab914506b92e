import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSetrValidator,
  temporaryFileName,
  type SetrConfirmation,
  type SetrStatusReport,
  type SetrValidator,
} from '@contingency/iso20022';
import { expectEventually } from '@contingency/testing';
import { calastoneFolders } from './calastone-mailbox';
import { CalastoneOrderJournal } from './calastone-order.journal';
import { dealRefOf, navOf } from './calastone-pricing';
import type { CalastoneRulesRequest } from './calastone-rules';
import { CalastoneSimulator } from './calastone-simulator.service';
import {
  anOrder,
  answersFor,
  describeAnswer,
  dropOrder,
  expectXsdValid,
  type InboxDocument,
  readInbox,
  testXsdDir,
} from './testing/calastone-mailbox.kit';

// The simulator on real folders (a temporary mailbox per test), polled by hand; every document it
// writes is proved valid against the official XSDs, in-process and with xmllint.
describe(CalastoneSimulator.name, () => {
  let validator: SetrValidator;
  const roots: string[] = [];
  const written: InboxDocument[] = [];

  beforeAll(async () => {
    validator = await createSetrValidator(testXsdDir());
  });

  afterAll(async () => {
    await validator.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  function setUp(rules?: CalastoneRulesRequest, journalFile?: string) {
    const root = mkdtempSync(join(tmpdir(), 'calastone-sim-'));
    roots.push(root);
    const folders = calastoneFolders(root, 'outbound', 'inbound');
    const start = (file = journalFile) =>
      new CalastoneSimulator({ root, rules }, file ? new CalastoneOrderJournal(file) : undefined);
    const sim = start();
    const inbox = () => {
      const documents = readInbox(folders.inbound);
      for (const doc of documents) if (!written.some((w) => w.xml === doc.xml)) written.push(doc);
      return documents;
    };
    return { root, folders, sim, start, inbox };
  }

  it('collects an order and answers RECE, PACK with the deal reference, then a setr.012 confirmation', async () => {
    const { folders, sim, inbox } = setUp();
    const order = anOrder({ amount: '1000.50', currency: 'EUR', fundIsin: 'LU0123456789' });
    const sent = dropOrder(folders.outbound, order);

    await sim.pollOnce();

    const answers = inbox();
    expect(answers.map(describeAnswer)).toEqual(['RECE', 'PACK', 'CONF:setr.012.001.05']);
    expect(existsSync(join(folders.outbound, sent.fileName))).toBe(false);
    const [received, accepted] = answers.map((a) => a.parsed as SetrStatusReport);
    for (const report of [received, accepted]) {
      expect(report.relatedRefs).toEqual([{ ref: sent.messageId, messageName: 'setr.010.001.04' }]);
      expect(report.report).toMatchObject({ scope: 'orders', orders: [{ orderRef: order.orderRef }] });
    }
    expect(accepted.report).toMatchObject({ orders: [{ dealRef: dealRefOf(order.orderRef) }] });
    const confirmation = answers[2].parsed as SetrConfirmation;
    const price = navOf('LU0123456789');
    expect(confirmation).toMatchObject({
      orderType: 'SUBSCRIPTION',
      relatedRef: { ref: sent.messageId },
      accountId: order.accountId,
      executions: [
        {
          orderRef: order.orderRef,
          dealRef: dealRefOf(order.orderRef),
          isin: 'LU0123456789',
          price: { amount: price, currency: 'EUR' },
          tradeDate: order.tradeDate,
          settlementAmount: { amount: '1000.50', currency: 'EUR' },
        },
      ],
    });
    expect(Number(confirmation.executions[0].units)).toBeCloseTo(1000.5 / Number(price), 4);
    expect(sim.received()).toEqual({
      items: [
        {
          orderRef: order.orderRef,
          messageId: sent.messageId,
          messageType: 'setr.010.001.04',
          receivedAt: expect.any(String),
          fileName: sent.fileName,
          accountId: order.accountId,
          fundIsin: 'LU0123456789',
          status: 'CONFIRMED',
          receipts: 1,
        },
      ],
      duplicates: 0,
      unreadableFiles: 0,
    });
  });

  it('confirms a redemption by units with a setr.006: units × NAV settled', async () => {
    const { folders, sim, inbox } = setUp();
    const order = anOrder({
      orderType: 'REDEMPTION',
      amount: null,
      currency: null,
      units: '10',
      fundIsin: 'GB00B03MLX29',
    });
    dropOrder(folders.outbound, order);

    await sim.pollOnce();

    const answers = inbox();
    expect(answers.map(describeAnswer)).toEqual(['RECE', 'PACK', 'CONF:setr.006.001.05']);
    const { executions } = answers[2].parsed as SetrConfirmation;
    const price = navOf('GB00B03MLX29');
    expect(executions[0]).toMatchObject({ units: '10', price: { amount: price, currency: 'GBP' } });
    expect(executions[0].settlementAmount).toEqual({
      amount: (Number(price) * 10).toFixed(2),
      currency: 'GBP',
    });
    expect(sim.received().items[0]).toMatchObject({ messageType: 'setr.004.001.04', status: 'CONFIRMED' });
  });

  it('rejects by rule, on the account or the fund, with the reason code and text; no confirmation', async () => {
    const { folders, sim, inbox } = setUp({
      rejections: [
        { fundIsin: 'IE00B4L5Y983', reasonCode: 'CUTO', reasonText: 'after the dealing cut-off' },
        { accountId: 'ACC-BLOCKED', reasonCode: 'SAFE' },
      ],
    });
    const byFund = anOrder({ fundIsin: 'IE00B4L5Y983' });
    const byAccount = anOrder({ accountId: 'ACC-BLOCKED' });
    const accepted = anOrder();
    for (const order of [byFund, byAccount, accepted]) dropOrder(folders.outbound, order);

    await sim.pollOnce();

    const answers = inbox();
    expect(answersFor(answers, byFund.orderRef).map(describeAnswer)).toEqual(['RECE', 'RJCT:CUTO']);
    expect(answersFor(answers, byAccount.orderRef).map(describeAnswer)).toEqual(['RECE', 'RJCT:SAFE']);
    expect(answersFor(answers, accepted.orderRef).map(describeAnswer)).toEqual([
      'RECE',
      'PACK',
      'CONF:setr.012.001.05',
    ]);
    const rejected = answersFor(answers, byFund.orderRef)[1].parsed as SetrStatusReport;
    expect(rejected.report).toMatchObject({
      orders: [
        {
          status: {
            kind: 'rejected',
            reasons: [{ code: 'CUTO', additionalInfo: 'after the dealing cut-off' }],
          },
        },
      ],
    });
    expect(
      sim
        .received()
        .items.map((i) => i.status)
        .sort(),
    ).toEqual(['CONFIRMED', 'REJECTED', 'REJECTED']);
  });

  it('rejects a known OrdrRef sent again ORRF, about the new message, and counts the duplicate', async () => {
    const { folders, sim, inbox } = setUp();
    const order = anOrder();
    dropOrder(folders.outbound, order, 1);
    await sim.pollOnce();
    const resent = dropOrder(folders.outbound, order, 2);

    await sim.pollOnce();

    const answers = answersFor(inbox(), order.orderRef);
    expect(answers.map(describeAnswer)).toEqual(['RECE', 'PACK', 'CONF:setr.012.001.05', 'RJCT:ORRF']);
    expect((answers[3].parsed as SetrStatusReport).relatedRefs).toEqual([
      { ref: resent.messageId, messageName: 'setr.010.001.04' },
    ]);
    expect(existsSync(join(folders.outbound, resent.fileName))).toBe(false);
    expect(sim.received()).toMatchObject({
      items: [{ orderRef: order.orderRef, status: 'CONFIRMED', receipts: 2 }],
      duplicates: 1,
    });
  });

  it('writes the confirmation before the PACK when out of order', async () => {
    const { folders, sim, inbox } = setUp({ outOfOrder: true });
    dropOrder(folders.outbound, anOrder());

    await sim.pollOnce();

    expect(inbox().map(describeAnswer)).toEqual(['RECE', 'CONF:setr.012.001.05', 'PACK']);
  });

  it('writes every answer twice, the same document under two names, when repeating reports', async () => {
    const { folders, sim, inbox } = setUp({ repeatReports: true });
    dropOrder(folders.outbound, anOrder());

    await sim.pollOnce();

    const answers = inbox();
    expect(answers.map(describeAnswer)).toEqual([
      'RECE',
      'RECE',
      'PACK',
      'PACK',
      'CONF:setr.012.001.05',
      'CONF:setr.012.001.05',
    ]);
    for (let i = 0; i < answers.length; i += 2) {
      expect(answers[i + 1].xml).toBe(answers[i].xml);
      expect(answers[i + 1].name).not.toBe(answers[i].name);
    }
  });

  it('confirms in .001.04 when told: the .001.05 document under the .001.04 namespace', async () => {
    const { folders, sim, inbox } = setUp({ confirmationVersion: '001.04' });
    dropOrder(folders.outbound, anOrder());
    dropOrder(
      folders.outbound,
      anOrder({ orderType: 'REDEMPTION', amount: null, currency: null, units: '3.5' }),
    );

    await sim.pollOnce();

    const confirmations = inbox().filter((a) => a.parsed.kind === 'confirmation');
    expect(confirmations.map((c) => c.messageType).sort()).toEqual(['setr.006.001.04', 'setr.012.001.04']);
    for (const c of confirmations) {
      expect(c.xml).toContain(`xmlns="urn:iso:std:iso:20022:tech:xsd:${c.messageType}"`);
    }
  });

  it('accepts without confirming when told not to confirm', async () => {
    const { folders, sim, inbox } = setUp({ confirm: false });
    dropOrder(folders.outbound, anOrder());

    await sim.pollOnce();

    expect(inbox().map(describeAnswer)).toEqual(['RECE', 'PACK']);
    expect(sim.received().items[0].status).toBe('ACCEPTED');
  });

  it('never takes a partial upload, a hidden file, a folder or a file that is not *.xml', async () => {
    const { folders, sim, inbox } = setUp();
    const order = anOrder();
    const document = dropOrder(folders.outbound, order);
    const partial = temporaryFileName(document.fileName);
    const others = [partial, '.hidden.setr.010.001.04.xml', 'notes.txt'];
    for (const name of others) writeFileSync(join(folders.outbound, name), document.xml.slice(0, 100));
    mkdirSync(join(folders.outbound, 'folder.xml'));

    await sim.pollOnce();

    expect(readdirSync(folders.outbound).sort()).toEqual([...others, 'folder.xml'].sort());
    expect(sim.received().items.map((i) => i.orderRef)).toEqual([order.orderRef]);
    expect(inbox()).toHaveLength(3);
    expect(readdirSync(folders.inbound).filter((n) => !n.endsWith('.xml'))).toEqual([]);
  });

  it('puts an order file it cannot read aside, counts it, and goes on with the next ones', async () => {
    const { folders, sim, inbox } = setUp();
    mkdirSync(folders.outbound, { recursive: true });
    const bad = {
      'MCBROKEN1.setr.010.001.04.xml': '<Document><oops',
      'MCBROKEN2.setr.010.001.04.xml': '<x/>',
    };
    for (const [name, text] of Object.entries(bad)) writeFileSync(join(folders.outbound, name), text);
    const good = anOrder();
    dropOrder(folders.outbound, good);

    await sim.pollOnce();
    const later = anOrder();
    dropOrder(folders.outbound, later);
    await sim.pollOnce();

    expect(readdirSync(folders.outbound)).toEqual([]);
    const aside = readdirSync(folders.unreadable);
    expect(aside).toHaveLength(2);
    expect(aside.map((name) => readFileSync(join(folders.unreadable, name), 'utf8')).sort()).toEqual(
      Object.values(bad).sort(),
    );
    expect(folders.unreadable).toBe(join(folders.outbound, '..', 'calastone-sim-rejected'));
    expect(sim.received()).toMatchObject({ duplicates: 0, unreadableFiles: 2 });
    expect(sim.received().items.map((i) => i.orderRef)).toEqual([good.orderRef, later.orderRef]);
    expect(inbox()).toHaveLength(6);
  });

  it('keeps what it collected across a restart: items, statuses, duplicates; a resend is still ORRF', async () => {
    const root = mkdtempSync(join(tmpdir(), 'calastone-journal-'));
    roots.push(root);
    const journalFile = join(root, 'simulators', 'calastone-orders.jsonl');
    const { folders, sim, start, inbox } = setUp(
      { rejections: [{ fundIsin: 'IE00B4L5Y983', reasonCode: 'CUTO' }] },
      journalFile,
    );
    const order = anOrder();
    dropOrder(folders.outbound, order);
    dropOrder(folders.outbound, anOrder({ fundIsin: 'IE00B4L5Y983' }));
    await sim.pollOnce();
    dropOrder(folders.outbound, order, 2);
    await sim.pollOnce();
    const before = sim.received();
    expect(before).toMatchObject({ duplicates: 1 });

    const restarted = start();
    expect(restarted.received()).toEqual(before);
    dropOrder(folders.outbound, order, 3);
    await restarted.pollOnce();

    expect(answersFor(inbox(), order.orderRef).map(describeAnswer).slice(-2)).toEqual([
      'RJCT:ORRF',
      'RJCT:ORRF',
    ]);
    expect(restarted.received()).toMatchObject({ duplicates: 2 });
  });

  it('waits answerDelayMs before each answer, polling on its own, and answers after a restart what it had not', async () => {
    const root = mkdtempSync(join(tmpdir(), 'calastone-journal-'));
    roots.push(root);
    const journalFile = join(root, 'calastone-orders.jsonl');
    const { root: mailboxRoot, folders, sim, inbox } = setUp({ answerDelayMs: 200 }, journalFile);
    const order = anOrder();
    dropOrder(folders.outbound, order);
    const collected = Date.now();
    await sim.pollOnce();
    expect(inbox()).toEqual([]);

    await expectEventually(async () => {
      await sim.pollOnce();
      expect(inbox().map(describeAnswer)).toEqual(['RECE', 'PACK', 'CONF:setr.012.001.05']);
    });
    expect(Date.now() - collected).toBeGreaterThanOrEqual(600);

    // Collected, then stopped before answering: the next run answers it (by its own rules: at once).
    const pending = anOrder();
    const slow = new CalastoneSimulator(
      { root: mailboxRoot, rules: { answerDelayMs: 60_000 } },
      new CalastoneOrderJournal(journalFile),
    );
    dropOrder(folders.outbound, pending);
    await slow.pollOnce();
    expect(answersFor(inbox(), pending.orderRef)).toEqual([]);

    const next = new CalastoneSimulator(
      { root: mailboxRoot, pollMs: 20 },
      new CalastoneOrderJournal(journalFile),
    );
    expect(next.received().items.find((i) => i.orderRef === pending.orderRef)?.status).toBe('RECEIVED');
    next.onApplicationBootstrap();
    try {
      await expectEventually(() =>
        expect(answersFor(inbox(), pending.orderRef).map(describeAnswer)).toEqual([
          'RECE',
          'PACK',
          'CONF:setr.012.001.05',
        ]),
      );
      await expectEventually(() =>
        expect(next.received().items.find((i) => i.orderRef === pending.orderRef)?.status).toBe('CONFIRMED'),
      );
    } finally {
      await next.beforeApplicationShutdown();
    }
  });

  it('wrote only XSD-valid documents (in-process and xmllint)', () => {
    expect(written.length).toBeGreaterThan(40);
    expectXsdValid(validator, written);
  });
});
