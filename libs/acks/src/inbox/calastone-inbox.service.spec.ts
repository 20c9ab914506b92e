import { Registry } from 'prom-client';
import { type MetricsRegistry, ServiceMetrics } from '@contingency/observability';
import type { AckEvent } from '../ack-event';
import type { ProcessedAck } from '../ack-processor.service';
import { AcksMetrics } from '../acks.metrics';
import { resolveAcksOptions } from '../acks.options';
import { MemoryChannel } from '../testing/memory-channel';
import { confirmationXml, pack, rece } from '../testing/setr-documents';
import { CalastoneInbox } from './calastone-inbox.service';
import type { InboxIngest } from './inbox-ingest.service';
import { InboxValidator } from './inbox-validator';

const ORDER = 'MC3F2A9C1E5B7D4F60A8B2C4D6E8F0A1B3';

/** processed_messages in memory: a key commits once; `failNext` makes the next commit roll back. */
class FakeIngest {
  readonly keys = new Set<string>();
  readonly applied: AckEvent[] = [];
  failNext = false;

  commit(key: string, acks: readonly AckEvent[]): Promise<ProcessedAck[] | undefined> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('connection terminated'));
    }
    if (this.keys.has(key)) return Promise.resolve(undefined);
    this.keys.add(key);
    this.applied.push(...acks);
    return Promise.resolve(acks.map((ack) => ({ ack, result: 'applied' as const })));
  }
}

function setup(inbox: { xsdDir?: string } = {}) {
  const channel = new MemoryChannel();
  const ingest = new FakeIngest();
  const registry = new Registry();
  const service = new ServiceMetrics('ack-ingestor', registry);
  const metrics = new AcksMetrics({ forService: () => service } as unknown as MetricsRegistry);
  const channelConfig = { localRoot: '/nowhere', inboundDir: 'inbound', outboundDir: 'outbound' };
  const settings = resolveAcksOptions({ inbox: { channel: channelConfig, batchSize: 10, ...inbox } });
  const sut = new CalastoneInbox(
    channel,
    ingest as unknown as InboxIngest,
    new InboxValidator(settings),
    metrics,
    settings,
  );
  const counter = async (name: string, labels: string) => {
    const text = await registry.metrics();
    return Number(new RegExp(`^ack_ingestor_${name}\\{${labels}\\} (\\d+)`, 'm').exec(text)?.[1]);
  };
  return { sut, channel, ingest, counter };
}

describe(CalastoneInbox.name, () => {
  it('commits each document, then moves it to processed/', async () => {
    const { sut, channel, ingest, counter } = setup();
    channel.drop('a.xml', rece(ORDER));
    channel.drop('b.xml', confirmationXml({ orderRef: ORDER, orderType: 'REDEMPTION', version: '04' }));

    expect(await sut.pollOnce()).toEqual({ listed: 2, processed: 2, rejected: 0, deferred: 0 });

    expect(channel.settled.processed).toEqual(['a.xml', 'b.xml']);
    expect(ingest.applied.map((a) => a.outcome)).toEqual(['RECEIVED', 'CONFIRMED']);
    expect(await counter('inbox_files_total', 'outcome="processed"')).toBe(2);
    expect(await counter('acks_total', 'source="calastone",result="applied"')).toBe(2);
  });

  it.each([
    ['MALFORMED_XML', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:setr.016.001.04"><OrdrInstrStsRpt>'],
    [
      'FORBIDDEN_DTD',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>',
    ],
    ['UNKNOWN_DOCUMENT', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><X/></Document>'],
    ['MISSING_FIELD', pack(ORDER, 'D').replace(/<OrdrRef>[^<]*<\/OrdrRef>/, '')],
  ])('moves a document it cannot read (%s) to rejected/, counts it, and goes on', async (reason, xml) => {
    const { sut, channel, ingest, counter } = setup();
    channel.drop('bad.xml', xml);
    channel.drop('good.xml', pack(ORDER, 'TA-1'));

    expect(await sut.pollOnce()).toMatchObject({ processed: 1, rejected: 1 });

    expect(channel.settled.rejected).toEqual(['bad.xml']);
    expect(channel.settled.processed).toEqual(['good.xml']);
    expect(ingest.applied).toHaveLength(1);
    expect(await counter('inbox_rejected_total', `reason="${reason}"`)).toBe(1);
  });

  it('rejects a document over the size limit without reading it', async () => {
    const { sut, channel, counter } = setup();
    channel.drop('huge.xml', '<Document/>', 50 * 1024 * 1024);

    expect(await sut.pollOnce()).toMatchObject({ rejected: 1 });

    expect(channel.bytesRead).toBe(0);
    expect(channel.settled.rejected).toEqual(['huge.xml']);
    expect(await counter('inbox_rejected_total', 'reason="TOO_LARGE"')).toBe(1);
  });

  it('leaves a document whose commit failed in the inbox, and takes it at the next poll', async () => {
    const { sut, channel, ingest, counter } = setup();
    channel.drop('a.xml', rece(ORDER));
    ingest.failNext = true;

    expect(await sut.pollOnce()).toMatchObject({ deferred: 1 });
    expect(channel.inbox.has('a.xml')).toBe(true);
    expect(await counter('inbox_failures_total', 'stage="apply"')).toBe(1);

    expect(await sut.pollOnce()).toMatchObject({ processed: 1 });
    expect(ingest.applied).toHaveLength(1);
  });

  it('applies a document once when the move after its commit failed', async () => {
    const { sut, channel, ingest, counter } = setup();
    channel.drop('a.xml', pack(ORDER, 'TA-1'));
    channel.failNextSettle();

    expect(await sut.pollOnce()).toMatchObject({ deferred: 1 });
    expect(channel.inbox.has('a.xml')).toBe(true);
    expect(await sut.pollOnce()).toMatchObject({ processed: 1 });

    expect(ingest.applied).toHaveLength(1);
    expect(channel.settled.processed).toEqual(['a.xml']);
    expect(await counter('inbox_failures_total', 'stage="settle"')).toBe(1);
  });

  it('leaves documents in the inbox while the XSD validator cannot run', async () => {
    const { sut, channel, ingest, counter } = setup({ xsdDir: '/nonexistent/iso20022' });
    channel.drop('a.xml', pack(ORDER, 'TA-1'));

    expect(await sut.pollOnce()).toMatchObject({ deferred: 1 });

    expect(channel.inbox.has('a.xml')).toBe(true);
    expect(channel.settled).toEqual({ processed: [], rejected: [] });
    expect(ingest.applied).toEqual([]);
    expect(await counter('inbox_failures_total', 'stage="validator"')).toBe(1);
  });
});
