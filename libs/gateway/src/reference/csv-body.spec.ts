import { Readable } from 'node:stream';
import type { Request } from 'express';
import { ApiError } from '../http/api-error';
import { readCsvBody } from './csv-body';

function fakeRequest(
  chunks: string[],
  headers: Record<string, string> = { 'content-type': 'text/csv' },
  body?: unknown,
) {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), {
    headers,
    body,
  }) as unknown as Request;
}

describe(readCsvBody.name, () => {
  it('reads a streamed body of any number of chunks', async () => {
    const body = await readCsvBody(fakeRequest(['isin,', 'name\n', 'é']), 100);
    expect(body.toString('utf8')).toBe('isin,name\né');
  });

  it('refuses a stream that goes past the limit without a Content-Length (413), keeping nothing', async () => {
    const req = fakeRequest(['12345', '67890', '1']);
    await expect(readCsvBody(req, 10)).rejects.toMatchObject({ status: 413, code: 'TOO_LARGE' });
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const req = fakeRequest(['x'], { 'content-type': 'text/csv', 'content-length': '11' });
    await expect(readCsvBody(req, 10)).rejects.toMatchObject({ status: 413 });
  });

  it('takes a body an app-wide text or raw parser already read', async () => {
    expect((await readCsvBody(fakeRequest([], undefined, 'a,b'), 10)).toString()).toBe('a,b');
    expect((await readCsvBody(fakeRequest([], undefined, Buffer.from('c,d')), 10)).toString()).toBe('c,d');
    await expect(readCsvBody(fakeRequest([], undefined, 'x'.repeat(11)), 10)).rejects.toMatchObject({
      status: 413,
    });
  });

  it.each([[{}], [{ 'content-type': 'text/plain' }], [{ 'content-type': 'text/csv; charset=windows-1252' }]])(
    'refuses other media types with 415 (%j)',
    async (headers) => {
      const error: unknown = await readCsvBody(fakeRequest(['a'], headers), 10).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    },
  );

  it('accepts text/csv with a UTF-8 charset in any case', async () => {
    const req = fakeRequest(['a'], { 'content-type': 'Text/CSV; Charset="UTF-8"' });
    expect((await readCsvBody(req, 10)).toString()).toBe('a');
  });
});
