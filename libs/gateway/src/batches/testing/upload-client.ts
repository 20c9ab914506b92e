import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { TEST_PRINCIPAL_HEADER } from '@contingency/testing';

export interface UploadResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever came back
  body: any;
}

export interface UploadedFile {
  name: string;
  /** The whole file, or a stream of it (never held whole: a benchmark sends 500 MB this way). */
  bytes: Uint8Array | string | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
  contentType?: string;
  field?: string;
}

/**
 * FOR TESTS AND BENCHMARKS: POSTs a file as multipart/form-data, streamed with chunked transfer
 * encoding, as a browser or curl -F would.
 */
export function uploadFile(api: string, principal: string, file: UploadedFile): Promise<UploadResponse> {
  const boundary = `----mosaic${randomBytes(12).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
    `Content-Type: ${file.contentType ?? 'text/csv'}\r\n\r\n`;
  async function* body(): AsyncGenerator<Uint8Array> {
    yield Buffer.from(head);
    if (typeof file.bytes === 'string') yield Buffer.from(file.bytes, 'utf8');
    else if (file.bytes instanceof Uint8Array) yield file.bytes;
    else yield* file.bytes;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return postStream(`${api}/batches`, principal, `multipart/form-data; boundary=${boundary}`, body());
}

export function postStream(
  url: string,
  principal: string,
  contentType: string | undefined,
  body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<UploadResponse> {
  return new Promise<UploadResponse>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { [TEST_PRINCIPAL_HEADER]: principal, ...(contentType && { 'content-type': contentType }) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = String(res.headers['content-type']).startsWith('application/json');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: json && text ? (JSON.parse(text) as unknown) : text,
        });
      });
    });
    req.on('error', reject);
    Readable.from(body).pipe(req);
  });
}
