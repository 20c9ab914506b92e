import { ApiError } from '../http/api-error';
import { decodeBatchCursor, encodeBatchCursor } from './batch-cursor';

describe(encodeBatchCursor.name, () => {
  it('round-trips the key, microseconds included', () => {
    const key = { uploadedAt: '2030-01-05T12:00:00.123456Z', id: '1f0c7a52-3c1e-4b7e-9d7a-2a1f6e0c9b11' };
    expect(decodeBatchCursor(encodeBatchCursor(key))).toEqual(key);
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['a trades cursor', Buffer.from(JSON.stringify(['2030-01-05T12:00:00Z', 'x', 1])).toString('base64url')],
    [
      'a bad time',
      Buffer.from(JSON.stringify(['b', 'noon', '1f0c7a52-3c1e-4b7e-9d7a-2a1f6e0c9b11'])).toString(
        'base64url',
      ),
    ],
    ['a bad id', Buffer.from(JSON.stringify(['b', '2030-01-05T12:00:00Z', 'x'])).toString('base64url')],
  ])('refuses %s with 400 INVALID_CURSOR', (_what, cursor) => {
    expect(() => decodeBatchCursor(cursor)).toThrow(ApiError);
    expect(() => decodeBatchCursor(cursor)).toThrow(/nextCursor of the previous page/);
  });
});
