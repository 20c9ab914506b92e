import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CALASTONE_CHANNEL, type CalastoneChannel, CalastoneChannelError } from '@contingency/calastone';
import { REJECTED_REASON_CODES, testXsdDir } from '@contingency/iso20022';
import { MetricsRegistry } from '@contingency/observability';
import { createTestDatabase, expectEventually } from '@contingency/testing';
import { startAcksApp } from './testing/acks-app';
import { ackHistory, futureTrade, markDispatched, seedAckTrades, snapshot } from './testing/ack-trades';
import { confirmationXml, pack, rece, rejected } from './testing/setr-documents';

// The Calastone inbox end to end: documents in a real local mailbox folder (LocalFolderChannel), the
// poller of the ack-ingestor in this process, the real ledger; XSD validation on.
describe('Calastone inbox', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let app: INestApplication;
  let root: string;
  let inbox: string;
  const tag = randomBytes(3).toString('hex');

  const drop = async (name: string, content: string | Buffer) => {
    const temp = join(inbox, `.${name}.part`);
    await writeFile(temp, content);
    await rename(temp, join(inbox, name));
  };
  const folder = async (sub: 'processed' | 'rejected') =>
    readdir(join(inbox, sub)).catch(() => [] as string[]);
  const settledIn = (sub: 'processed' | 'rejected', names: readonly string[], timeoutMs = 15_000) =>
    expectEventually(
      async () => {
        const settled = await folder(sub);
        expect(names.filter((n) => !settled.includes(n))).toEqual([]);
      },
      { timeoutMs },
    );
  const metric = async (line: string) => {
    const text = await app.get(MetricsRegistry).metrics();
    return Number(
      new RegExp(`^ack_ingestor_${line.replace(/[{}"]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? NaN,
    );
  };
  let files = 0;
  const fileName = (label: string) => `${tag}-${++files}-${label}.xml`;

  beforeAll(async () => {
    db = await createTestDatabase('acks_inbox');
    ds = db.dataSource;
    root = await mkdtemp(join(tmpdir(), 'acks-inbox-'));
    inbox = join(root, 'inbound');
    await mkdir(inbox, { recursive: true });
    ({ app } = await startAcksApp({
      databaseUrl: db.url,
      groupPrefix: `acks-inbox-${tag}-`,
      acks: {
        inbox: {
          channel: { localRoot: root, inboundDir: 'inbound', outboundDir: 'outbound' },
          pollMs: 50,
          xsdDir: testXsdDir(),
        },
        rematchMs: 200,
      },
    }));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('records RECE as an event: the trade stays DISPATCHED', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const name = fileName('rece');

    await drop(name, rece(trade.orderRef));

    await settledIn('processed', [name]);
    const s = await snapshot(ds, trade.id);
    expect(s.status).toBe('DISPATCHED');
    expect(ackHistory(s)).toEqual(['ACK_RECEIVED']);
    expect(s.history.at(-1)?.details).toMatchObject({
      source: 'calastone',
      status: 'RECE',
      origin: { messageType: 'setr.016.001.04', file: name },
    });
  });

  it("turns PACK into ACKNOWLEDGED, keeping the TA's DealRef", async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const name = fileName('pack');

    await drop(name, pack(trade.orderRef, 'TA-DEAL-884512'));

    await settledIn('processed', [name]);
    expect(await snapshot(ds, trade.id)).toMatchObject({
      status: 'ACKNOWLEDGED',
      externalRefs: { taReference: 'TA-DEAL-884512' },
    });
  });

  it('turns Rjctd into NACKED with its reason code and text, for every reason code', async () => {
    const trades = await seedAckTrades(
      ds,
      REJECTED_REASON_CODES.map(() => 'DISPATCHED'),
    );
    const names = await Promise.all(
      REJECTED_REASON_CODES.map(async (code, i) => {
        const name = fileName(`rjctd-${code}`);
        await drop(name, rejected(trades[i].orderRef, code, `refused: ${code}`));
        return name;
      }),
    );

    await settledIn('processed', names, 30_000);
    for (const [i, code] of REJECTED_REASON_CODES.entries()) {
      const s = await snapshot(ds, trades[i].id);
      expect({ code, status: s.status, reason: s.history.at(-1)?.reason }).toEqual({
        code,
        status: 'NACKED',
        reason: `${code}: refused: ${code}`,
      });
      expect(s.history.at(-1)?.details.reasons).toEqual([{ code, text: `refused: ${code}` }]);
    }
  }, 45_000);

  it.each([
    ['setr.012', '04', 'SUBSCRIPTION'],
    ['setr.012', '05', 'SUBSCRIPTION'],
    ['setr.006', '04', 'REDEMPTION'],
    ['setr.006', '05', 'REDEMPTION'],
  ] as const)(
    'turns a %s.001.%s confirmation into CONFIRMED with units, price, dates and amount',
    async (_, version, orderType) => {
      const [trade] = await seedAckTrades(ds, ['ACKNOWLEDGED'], { orderType });
      const name = fileName(`conf-${orderType}-${version}`);

      await drop(
        name,
        confirmationXml({
          orderRef: trade.orderRef,
          orderType,
          version,
          dealRef: 'TA-DEAL-9',
          units: '2716.3189',
          price: '92.0362',
          tradeDate: '2026-12-07',
          settlementAmount: '250000.00',
          settlementDate: '2026-12-09',
        }),
      );

      await settledIn('processed', [name]);
      const execution = {
        units: '2716.3189',
        price: '92.0362',
        priceCurrency: 'EUR',
        tradeDate: '2026-12-07',
        settlementAmount: '250000.00',
        settlementCurrency: 'EUR',
        settlementDate: '2026-12-09',
      };
      const s = await snapshot(ds, trade.id);
      expect(s).toMatchObject({
        status: 'CONFIRMED',
        externalRefs: { taReference: 'TA-DEAL-9', confirmation: execution },
      });
      expect(s.history.at(-1)).toMatchObject({ toStatus: 'CONFIRMED', details: { execution } });
    },
  );

  it('changes nothing when the same answer comes again, under the same or another name', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const xml = pack(trade.orderRef, 'TA-DUP');
    const [first, second] = [fileName('dup'), fileName('dup-again')];

    await drop(first, xml);
    await settledIn('processed', [first]);
    await drop(second, xml);
    await settledIn('processed', [second]);
    await drop(first, xml);
    await expectEventually(async () =>
      expect((await folder('processed')).filter((n) => n.startsWith(first.slice(0, -4)))).toHaveLength(2),
    );

    expect(ackHistory(await snapshot(ds, trade.id))).toEqual(['STATUS_CHANGED:ACKNOWLEDGED']);
  });

  it('ends CONFIRMED when the confirmation comes before the PACK; the PACK is only recorded', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const [confirmation, accepted] = [fileName('early-conf'), fileName('late-pack')];

    await drop(
      confirmation,
      confirmationXml({ orderRef: trade.orderRef, orderType: 'SUBSCRIPTION', version: '05' }),
    );
    await settledIn('processed', [confirmation]);
    await drop(accepted, pack(trade.orderRef, 'TA-DEAL-1'));
    await settledIn('processed', [accepted]);

    const s = await snapshot(ds, trade.id);
    expect(s.status).toBe('CONFIRMED');
    expect(ackHistory(s)).toEqual(['STATUS_CHANGED:CONFIRMED', 'ACK_IGNORED']);
  });

  it('keeps an answer for an unknown order and applies it once the order is dispatched', async () => {
    const future = futureTrade();
    const name = fileName('unknown');

    await drop(name, pack(future.orderRef, 'TA-LATER'));
    await settledIn('processed', [name]);
    await seedAckTrades(ds, ['RELEASED'], { ids: [future.id] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await snapshot(ds, future.id)).status).toBe('RELEASED');

    await markDispatched(ds, future.id);

    await expectEventually(async () =>
      expect(await snapshot(ds, future.id)).toMatchObject({
        status: 'ACKNOWLEDGED',
        externalRefs: { taReference: 'TA-LATER' },
      }),
    );
  });

  it('records an OUTCOME_UNKNOWN trade as DISPATCHED, then applies the answer', async () => {
    const [trade] = await seedAckTrades(ds, ['OUTCOME_UNKNOWN']);
    const name = fileName('unknown-outcome');

    await drop(name, pack(trade.orderRef, 'TA-U'));

    await settledIn('processed', [name]);
    expect(ackHistory(await snapshot(ds, trade.id))).toEqual([
      'STATUS_CHANGED:DISPATCHED',
      'STATUS_CHANGED:ACKNOWLEDGED',
    ]);
  });

  it('moves unreadable documents to rejected/ with a counted reason, and goes on with the others', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const channel = app.get<CalastoneChannel>(CALASTONE_CHANNEL, { strict: false });
    const reads = jest.spyOn(channel, 'readInbound');
    const bad = {
      MALFORMED_XML: '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:setr.016.001.04"><OrdrInstrStsRpt>',
      FORBIDDEN_DTD:
        '<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:setr.016.001.04">&xxe;</Document>',
      UNKNOWN_DOCUMENT:
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>',
      SCHEMA_INVALID: pack(trade.orderRef, 'TA-X').replace('<Sts>PACK</Sts>', '<Sts>NOPE</Sts>'),
      TOO_LARGE: Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Document>'),
        Buffer.alloc(50 * 1024 * 1024, ' '),
        Buffer.from('</Document>'),
      ]),
    };
    const before = Object.fromEntries(
      await Promise.all(
        Object.keys(bad).map(async (reason) => [
          reason,
          await metric(`inbox_rejected_total{reason="${reason}"}`),
        ]),
      ),
    );
    const names = Object.fromEntries(Object.keys(bad).map((reason) => [reason, fileName(`bad-${reason}`)]));
    for (const [reason, content] of Object.entries(bad)) await drop(names[reason], content);
    const good = fileName('after-the-bad-ones');
    await drop(good, rece(trade.orderRef));

    await settledIn('rejected', Object.values(names), 30_000);
    await settledIn('processed', [good]);

    for (const reason of Object.keys(bad)) {
      expect({ reason, count: await metric(`inbox_rejected_total{reason="${reason}"}`) }).toEqual({
        reason,
        count: before[reason] + 1,
      });
    }
    expect(reads.mock.calls.map(([name]) => name)).not.toContain(names.TOO_LARGE);
    expect(ackHistory(await snapshot(ds, trade.id))).toEqual(['ACK_RECEIVED']);
    reads.mockRestore();
  }, 45_000);

  it('applies a document exactly once when moving it after the commit failed', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED']);
    const channel = app.get<CalastoneChannel>(CALASTONE_CHANNEL, { strict: false });
    const settle = jest
      .spyOn(channel, 'settleInbound')
      .mockRejectedValueOnce(new CalastoneChannelError('UNAVAILABLE', 'connection reset after the commit'));
    const failures = await metric('inbox_failures_total{stage="settle"}');
    const name = fileName('crash');

    await drop(name, rece(trade.orderRef));

    await settledIn('processed', [name]);
    expect(settle.mock.calls.filter(([n]) => n === name).length).toBeGreaterThanOrEqual(2);
    expect(await metric('inbox_failures_total{stage="settle"}')).toBe(failures + 1);
    expect(await readdir(inbox)).not.toContain(name);
    expect(ackHistory(await snapshot(ds, trade.id))).toEqual(['ACK_RECEIVED']);
    settle.mockRestore();
  });
});
