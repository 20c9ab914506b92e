import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_SCHEME = 'mck';

// mck_<8 hex: shown in lists to recognise a key>_<43 base64url: 32 random bytes>. Fixed lengths keep
// parsing unambiguous even though base64url may itself contain '_'.
const API_KEY_FORMAT = /^mck_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

// What verify() will even hash: generated keys, or a bootstrap secret of 32+ visible ASCII characters.
const MIN_SECRET_LENGTH = 32;
const MAX_SECRET_LENGTH = 512;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

export interface GeneratedApiKey {
  /** The whole key: shown to its owner once, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString('hex');
  const key = `${API_KEY_SCHEME}_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/**
 * SHA-256, hex. Keys carry 256 random bits (bootstrap secrets at least 32 characters), so a slow
 * password hash would add latency to every request without making a stolen hash any easier to reverse.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The display prefix of a generated key, or undefined for anything else (e.g. a bootstrap secret). */
export function apiKeyPrefix(key: string): string | undefined {
  return API_KEY_FORMAT.exec(key)?.[1];
}

/** Whether a presented credential is worth a database lookup at all. */
export function isPlausibleApiKey(key: string): boolean {
  return key.length >= MIN_SECRET_LENGTH && key.length <= MAX_SECRET_LENGTH && VISIBLE_ASCII.test(key);
}

/** Compares two hex digests without leaking, through timing, how many leading characters match. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
