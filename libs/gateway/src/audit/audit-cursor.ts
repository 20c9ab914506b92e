import { ApiError } from '../http/api-error';

// Opaque to clients: base64url of the id of the page's last (oldest) entry.
export function encodeAuditCursor(id: string): string {
  return Buffer.from(`a:${id}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): string {
  const match = /^a:([1-9][0-9]{0,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ApiError(
      400,
      'INVALID_CURSOR',
      'cursor is not one this API issued: pass the nextCursor of the previous page unchanged, or omit it to start at the newest entry',
    );
  }
  return match[1];
}
