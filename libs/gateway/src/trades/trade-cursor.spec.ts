import { ApiError } from '../http/api-error';
import { decodeCursor, encodeCursor } from './trade-cursor';

describe('trade cursor', () => {
  const key = {
    createdAt: '2026-12-04T09:00:00.123456Z',
    batchId: '5f0c2a8e-1d3b-4c7a-9e6f-2b1a0c9d8e7f',
    row: 42,
  };

  it('round-trips the key, microseconds included, as URL-safe text', () => {
    const cursor = encodeCursor(key);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it.each([
    ['not base64 JSON', 'garbage!!'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad timestamp', Buffer.from(JSON.stringify(['yesterday', key.batchId, 1])).toString('base64url')],
    ['a bad batch id', Buffer.from(JSON.stringify([key.createdAt, 'b', 1])).toString('base64url')],
  ])('refuses %s with a 400 that says what to send', (_what, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ApiError);
    expect(() => decodeCursor(cursor)).toThrow(/pass the nextCursor of the previous page unchanged/);
  });
});
