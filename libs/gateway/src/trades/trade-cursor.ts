import { z } from 'zod';
import { ApiError } from '../http/api-error';

/** The list's sort key: upload time, then batch and row, so a batch reads in file order. */
export interface TradeKey {
  /** created_at as PostgreSQL prints it, to the microsecond (a JS Date would round it). */
  createdAt: string;
  batchId: string;
  row: number;
}

const Key = z.tuple([z.string().min(1).max(40), z.uuid(), z.number().int().positive()]);

// Opaque to clients: base64url of the last key of the page.
export function encodeCursor(key: TradeKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.batchId, key.row])).toString('base64url');
}

export function decodeCursor(cursor: string): TradeKey {
  try {
    const [createdAt, batchId, row] = Key.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    if (Number.isNaN(Date.parse(createdAt))) throw new Error('not a timestamp');
    return { createdAt, batchId, row };
  } catch {
    throw new ApiError(
      400,
      'INVALID_CURSOR',
      'cursor is not one this API issued: pass the nextCursor of the previous page unchanged, or omit it to start at the first page',
    );
  }
}
