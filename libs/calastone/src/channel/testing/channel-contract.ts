import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { orderFileName, temporaryFileName } from '@contingency/iso20022';
import { type CalastoneChannel, CalastoneChannelError } from '../calastone-channel';

/** A channel to test and the folders it works on, as seen on this machine's disk. */
export interface ChannelFixture {
  channel: CalastoneChannel;
  /** Absolute. */
  outbox: string;
  /** Absolute. */
  inbox: string;
}

/** The failure a call ended with; fails the test if it succeeded or threw something else. */
export async function channelError(call: Promise<unknown>): Promise<CalastoneChannelError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(CalastoneChannelError);
    return error as CalastoneChannelError;
  }
  throw new Error('expected a CalastoneChannelError, but the call succeeded');
}

let orders = 0;
/** A fresh order file name and a temporary name for it, as the delivery code makes them. */
export function orderNames(): { final: string; temp: string } {
  const final = orderFileName(`MC${(++orders).toString(16).padStart(32, '0')}`, 'setr.010.001.04');
  return { final, temp: temporaryFileName(final) };
}

/** Writes an inbox document straight to disk, with a modification time in whole seconds. */
export async function dropInbound(inbox: string, name: string, content: string, mtimeSeconds?: number) {
  await writeFile(join(inbox, name), content);
  if (mtimeSeconds !== undefined) await utimes(join(inbox, name), mtimeSeconds, mtimeSeconds);
}

/**
 * What every CalastoneChannel does, checked through the channel and on the disk behind it. `open` makes
 * a fresh channel over empty folders for each test; the channel is closed after it.
 */
export function behavesAsCalastoneChannel(open: () => Promise<ChannelFixture>): void {
  let fixture: ChannelFixture;
  beforeEach(async () => {
    fixture = await open();
  });
  afterEach(async () => {
    await fixture.channel.close();
  });

  describe('outbox', () => {
    it('publishes the staged bytes under the final name and leaves no temporary file', async () => {
      const { channel, outbox } = fixture;
      const { final, temp } = orderNames();
      const content = Buffer.from('<Document>subscription</Document>\n');

      await channel.stage(temp, content);
      await expect(channel.publish(final, temp)).resolves.toBe('written');

      expect(await readdir(outbox)).toEqual([final]);
      expect(await readFile(join(outbox, final))).toEqual(content);
    });

    it('shows a staged document only under its temporary name until it is published', async () => {
      const { channel, outbox } = fixture;
      const { final, temp } = orderNames();

      await channel.stage(temp, Buffer.from('<Document/>'));

      expect(await readdir(outbox)).toEqual([temp]);
      expect(await channel.presentInOutbox([final, temp])).toEqual(new Set([temp]));
    });

    it('stages over an earlier temporary file of the same name', async () => {
      const { channel, outbox } = fixture;
      const { final, temp } = orderNames();

      await channel.stage(temp, Buffer.alloc(10_000, 'x'));
      await channel.stage(temp, Buffer.from('short'));
      await channel.publish(final, temp);

      expect(await readFile(join(outbox, final), 'utf8')).toBe('short');
    });

    it('never replaces a document already under the final name, and discards the newcomer', async () => {
      const { channel, outbox } = fixture;
      const { final, temp } = orderNames();
      await writeFile(join(outbox, final), 'delivered earlier');

      await channel.stage(temp, Buffer.from('second copy'));
      await expect(channel.publish(final, temp)).resolves.toBe('already-present');

      expect(await readFile(join(outbox, final), 'utf8')).toBe('delivered earlier');
      expect(await readdir(outbox)).toEqual([final]);
    });

    it('answers already-present when publish is repeated after it succeeded', async () => {
      const { channel, outbox } = fixture;
      const { final, temp } = orderNames();
      await channel.stage(temp, Buffer.from('once'));
      await channel.publish(final, temp);

      await expect(channel.publish(final, temp)).resolves.toBe('already-present');
      expect(await readFile(join(outbox, final), 'utf8')).toBe('once');
    });

    it('fails to publish a temporary file that was never staged', async () => {
      const { channel, outbox } = fixture;
      const { final, temp } = orderNames();

      expect((await channelError(channel.publish(final, temp))).code).toBe('FAILED');
      expect(await readdir(outbox)).toEqual([]);
    });

    it('tells which of the given names are in the outbox', async () => {
      const { channel, outbox } = fixture;
      const [one, two, three] = [orderNames(), orderNames(), orderNames()];
      await writeFile(join(outbox, one.final), 'a');
      await writeFile(join(outbox, two.temp), 'b');

      const present = await channel.presentInOutbox([one.final, one.temp, two.final, two.temp, three.final]);

      expect(present).toEqual(new Set([one.final, two.temp]));
    });

    it('discards a temporary file, and accepts one that is already gone', async () => {
      const { channel, outbox } = fixture;
      const { temp } = orderNames();
      await channel.stage(temp, Buffer.from('interrupted'));

      await channel.discard(temp);
      await channel.discard(temp);

      expect(await readdir(outbox)).toEqual([]);
    });

    it('refuses a name that is a path', async () => {
      const { channel } = fixture;

      await expect(channel.stage('../escaped.xml', Buffer.from('x'))).rejects.toThrow(RangeError);
      await expect(channel.readInbound('processed/a.xml', 100)).rejects.toThrow(RangeError);
    });
  });

  describe('inbox', () => {
    it('lists regular xml documents oldest first, then by name, up to the limit', async () => {
      const { channel, inbox } = fixture;
      await dropInbound(inbox, 'b.setr.016.001.04.xml', 'bb', 1_700_000_100);
      await dropInbound(inbox, 'a.setr.016.001.04.xml', 'a', 1_700_000_100);
      await dropInbound(inbox, 'c.setr.012.001.04.xml', 'ccc', 1_700_000_000);
      await dropInbound(inbox, '.d.setr.016.001.04.xml.1234.part', 'uploading', 1_600_000_000);
      await dropInbound(inbox, '.hidden.xml', 'hidden', 1_600_000_000);
      await dropInbound(inbox, 'notes.txt', 'not a document', 1_600_000_000);
      await mkdir(join(inbox, 'folder.xml'));
      await mkdir(join(inbox, 'processed'));
      await dropInbound(join(inbox, 'processed'), 'old.xml', 'settled', 1_600_000_000);

      expect(await channel.listInbound(10)).toEqual([
        { name: 'c.setr.012.001.04.xml', size: 3, modifiedAt: new Date(1_700_000_000_000) },
        { name: 'a.setr.016.001.04.xml', size: 1, modifiedAt: new Date(1_700_000_100_000) },
        { name: 'b.setr.016.001.04.xml', size: 2, modifiedAt: new Date(1_700_000_100_000) },
      ]);
      expect((await channel.listInbound(2)).map((file) => file.name)).toEqual([
        'c.setr.012.001.04.xml',
        'a.setr.016.001.04.xml',
      ]);
      expect(await channel.listInbound(0)).toEqual([]);
    });

    it('reads a document whole, up to exactly maxBytes', async () => {
      const { channel, inbox } = fixture;
      await dropInbound(inbox, 'status.xml', '<Document>status</Document>');

      const content = await channel.readInbound('status.xml', 27);

      expect(content.toString()).toBe('<Document>status</Document>');
    });

    it('refuses a document bigger than maxBytes with TOO_LARGE, which is not retryable', async () => {
      const { channel, inbox } = fixture;
      await dropInbound(inbox, 'big.xml', 'x'.repeat(1001));

      const error = await channelError(channel.readInbound('big.xml', 1000));

      expect(error.code).toBe('TOO_LARGE');
      expect(error.retryable).toBe(false);
    });

    it('fails to read a document that is not there', async () => {
      expect((await channelError(fixture.channel.readInbound('missing.xml', 1000))).code).toBe('FAILED');
    });

    it('settles documents into processed/ and rejected/, creating them', async () => {
      const { channel, inbox } = fixture;
      await dropInbound(inbox, 'ok.xml', 'accepted');
      await dropInbound(inbox, 'bad.xml', 'refused');

      await channel.settleInbound('ok.xml', 'processed');
      await channel.settleInbound('bad.xml', 'rejected');

      expect(await channel.listInbound(10)).toEqual([]);
      expect(await readFile(join(inbox, 'processed', 'ok.xml'), 'utf8')).toBe('accepted');
      expect(await readFile(join(inbox, 'rejected', 'bad.xml'), 'utf8')).toBe('refused');
    });

    it('gives a settled document a suffix when its name is taken, overwriting nothing', async () => {
      const { channel, inbox } = fixture;
      await mkdir(join(inbox, 'processed'));
      await dropInbound(join(inbox, 'processed'), 'dup.setr.016.001.04.xml', 'first');
      await dropInbound(inbox, 'dup.setr.016.001.04.xml', 'second');

      await channel.settleInbound('dup.setr.016.001.04.xml', 'processed');

      const settled = (await readdir(join(inbox, 'processed'))).sort();
      expect(settled).toHaveLength(2);
      expect(settled).toContain('dup.setr.016.001.04.xml');
      const renamed = settled.find((name) => name !== 'dup.setr.016.001.04.xml')!;
      expect(renamed).toMatch(/^dup\.setr\.016\.001\.04\.[0-9a-f]{8}\.xml$/);
      expect(await readFile(join(inbox, 'processed', 'dup.setr.016.001.04.xml'), 'utf8')).toBe('first');
      expect(await readFile(join(inbox, 'processed', renamed), 'utf8')).toBe('second');
      expect(await channel.listInbound(10)).toEqual([]);
    });

    it('fails to settle a document that is not in the inbox', async () => {
      const { channel, inbox } = fixture;
      await mkdir(join(inbox, 'processed'));
      await dropInbound(join(inbox, 'processed'), 'gone.xml', 'settled earlier');

      expect((await channelError(channel.settleInbound('gone.xml', 'processed'))).code).toBe('FAILED');
      expect(await readdir(join(inbox, 'processed'))).toEqual(['gone.xml']);
    });
  });
}
