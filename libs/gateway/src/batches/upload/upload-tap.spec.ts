import { createHash } from 'node:crypto';
import { TradeFileError } from '@contingency/trade-file';
import { UploadTap } from './upload-tap';
import { UploadStreamError } from './upload.errors';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield await Promise.resolve(Buffer.from(part));
}

describe(UploadTap.name, () => {
  it('hashes and keeps every byte, even those the reader left unread', async () => {
    const kept: Buffer[] = [];
    const tap = new UploadTap(
      chunks('ab', 'cd', 'ef'),
      (c) => Promise.resolve(void kept.push(Buffer.from(c))),
      {
        maxBytes: 100,
        fileName: 'f',
      },
    );
    for await (const chunk of tap.bytes) {
      expect(Buffer.from(chunk).toString()).toBe('ab');
      break; // the reader stops early, as a workbook reader may
    }
    expect(await tap.finish()).toBe(createHash('sha256').update('abcdef').digest('hex'));
    expect(Buffer.concat(kept).toString()).toBe('abcdef');
    expect(tap.bytesRead).toBe(6);
  });

  it('refuses bytes past the limit that the reader did not see', async () => {
    const tap = new UploadTap(chunks('abc', 'def'), () => Promise.resolve(), { maxBytes: 4, fileName: 'f' });
    await expect(tap.finish()).rejects.toThrow(TradeFileError);
  });

  it('knows the hash of the whole upload only once it was read to its end within the limit', async () => {
    const whole = new UploadTap(chunks('ab', 'cd'), () => Promise.resolve(), { maxBytes: 10, fileName: 'f' });
    for await (const chunk of whole.bytes) expect(chunk.length).toBe(2);
    expect(whole.sha256).toBe(createHash('sha256').update('abcd').digest('hex'));
    expect(await whole.finish()).toBe(whole.sha256);

    const partial = new UploadTap(chunks('ab', 'cd'), () => Promise.resolve(), {
      maxBytes: 10,
      fileName: 'f',
    });
    for await (const chunk of partial.bytes) {
      expect(chunk.length).toBe(2);
      break;
    }
    await partial.close();
    expect(partial.sha256).toBeUndefined();

    const over = new UploadTap(chunks('abc', 'def'), () => Promise.resolve(), { maxBytes: 4, fileName: 'f' });
    for await (const chunk of over.bytes) expect(chunk.length).toBe(3);
    expect(over.sha256).toBeUndefined();
  });

  it('reports a failing upload stream as UPLOAD_INCOMPLETE', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(Buffer.from('a'));
      throw new Error('aborted');
    }
    const tap = new UploadTap(broken(), () => Promise.resolve(), { maxBytes: 10, fileName: 'f' });
    await expect(tap.finish()).rejects.toBeInstanceOf(UploadStreamError);
  });
});
