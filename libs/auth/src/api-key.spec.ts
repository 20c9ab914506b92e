import { createHash } from 'node:crypto';
import { apiKeyPrefix, generateApiKey, hashApiKey, isPlausibleApiKey, sameDigest } from './api-key';

describe('API keys', () => {
  describe(generateApiKey.name, () => {
    it('makes mck_<8-char prefix>_<43-char base64url secret> keys from 32 random bytes', () => {
      const { key, prefix } = generateApiKey();
      expect(key).toMatch(/^mck_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      expect(key.startsWith(`mck_${prefix}_`)).toBe(true);
      expect(Buffer.from(key.slice(13), 'base64url')).toHaveLength(32);
    });

    it('returns the SHA-256 of the whole key, never the key itself, as what is stored', () => {
      const { key, hash } = generateApiKey();
      expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(hash).not.toContain(key.slice(13));
    });

    it('never repeats a key', () => {
      const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
      expect(keys.size).toBe(1000);
    });
  });

  describe(hashApiKey.name, () => {
    it('hashes any bootstrap secret as given, so it need not follow the key format', () => {
      const secret = 'correct horse battery staple, but longer!'.replace(/ /g, '-');
      expect(hashApiKey(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(hashApiKey(secret)).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe(apiKeyPrefix.name, () => {
    it('reads the prefix of a generated key and nothing else', () => {
      const { key, prefix } = generateApiKey();
      expect(apiKeyPrefix(key)).toBe(prefix);
      expect(apiKeyPrefix(`${key}x`)).toBeUndefined();
      expect(apiKeyPrefix('a-bootstrap-secret-of-at-least-32-characters')).toBeUndefined();
    });
  });

  describe(isPlausibleApiKey.name, () => {
    it.each([
      ['a generated key', generateApiKey().key, true],
      ['32 visible characters', 'x'.repeat(32), true],
      ['512 visible characters', 'x'.repeat(512), true],
      ['31 characters', 'x'.repeat(31), false],
      ['513 characters', 'x'.repeat(513), false],
      ['a space inside', `${'x'.repeat(20)} ${'x'.repeat(20)}`, false],
      ['a control character', `${'x'.repeat(40)}\n`, false],
      ['non-ASCII', `${'x'.repeat(40)}é`, false],
      ['empty', '', false],
    ])('%s', (_label, key, expected) => {
      expect(isPlausibleApiKey(key)).toBe(expected);
    });
  });

  describe(sameDigest.name, () => {
    it('tells equal digests from different ones, of any length, without throwing', () => {
      const a = hashApiKey('a'.repeat(32));
      expect(sameDigest(a, a)).toBe(true);
      expect(sameDigest(a, hashApiKey('b'.repeat(32)))).toBe(false);
      expect(sameDigest(a, a.slice(0, 63))).toBe(false);
      expect(sameDigest(a, '')).toBe(false);
    });

    it('compares in constant time (crypto.timingSafeEqual)', () => {
      const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
      const spy = jest.spyOn(crypto, 'timingSafeEqual');
      const a = hashApiKey('a'.repeat(32));
      sameDigest(a, hashApiKey('c'.repeat(32)));
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
    });
  });
});
