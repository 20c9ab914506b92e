import { z } from 'zod';
import { ApiError } from '../http/api-error';

/** The batch list's sort key: upload time, then id, both descending (newest first). */
export interface BatchKey {
  /** uploaded_at as PostgreSQL prints it, to the microsecond (a JS Date would round it). */
  uploadedAt: string;
  id: string;
}

const Key = z.tuple([z.literal('b'), z.string().min(1).max(40), z.uuid()]);

// Opaque to clients: base64url of the last key of the page.
export function encodeBatchCursor(key: BatchKey): string {
  return Buffer.from(JSON.stringify(['b', key.uploadedAt, key.id])).toString('base64url');
}

export function decodeBatchCursor(cursor: string): BatchKey {
  try {
    const [, uploadedAt, id] = Key.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (Number.isNaN(Date.parse(uploadedAt))) throw new Error('not a timestamp');
    return { uploadedAt, id };
  } catch {
    throw new ApiError(
      400,
      'INVALID_CURSOR',
      'cursor is not one this API issued: pass the nextCursor of the previous page unchanged, or omit it to start at the newest batch',
    );
  }
}
