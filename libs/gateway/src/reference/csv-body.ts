import type { Request } from 'express';
import { ApiError } from '../http/api-error';

/**
 * The raw bytes of a text/csv request body, at most `maxBytes`. Reads the stream itself (no body parser
 * is registered for text/csv), or takes the body an app-wide text/raw parser already read.
 */
export async function readCsvBody(req: Request, maxBytes: number): Promise<Buffer> {
  refuseOtherMediaTypes(req);
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return refuseLarge(body, maxBytes);
  if (typeof body === 'string') return refuseLarge(Buffer.from(body, 'utf8'), maxBytes);

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes, req);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      refused = true;
      chunks.length = 0;
      reject(tooLarge(maxBytes, req));
    });
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

function refuseOtherMediaTypes(req: Request): void {
  const type = req.headers['content-type'] ?? '';
  const [mediaType, ...params] = type.split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (mediaType !== 'text/csv' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `The fund master must be sent as Content-Type: text/csv (UTF-8), not ${type === '' ? 'without a type' : JSON.stringify(type)}.`,
    );
  }
}

function refuseLarge(body: Buffer, maxBytes: number): Buffer {
  if (body.length > maxBytes) throw new ApiError(413, 'TOO_LARGE', tooLargeMessage(maxBytes));
  return body;
}

function tooLarge(maxBytes: number, req: Request): ApiError {
  // Keep draining what the client still sends (without keeping it), so it reads the 413, not a reset.
  req.resume();
  return new ApiError(413, 'TOO_LARGE', tooLargeMessage(maxBytes));
}

function tooLargeMessage(maxBytes: number): string {
  return `The fund master is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; a fund master is a few thousand lines: check it is the right file.`;
}
