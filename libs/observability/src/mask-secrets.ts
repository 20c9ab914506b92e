export const SECRET_KEY = /password|secret|token|authorization|api[-_]?key|cookie/i;
export const MASK = '***';
const MAX_DEPTH = 12;

// scheme://user:password@host -> scheme://user:***@host, wherever a URL shows up in text.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;

export function maskUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, `$1${MASK}@`);
}

/**
 * A copy of value with the values of secret-named keys replaced by '***', at any depth and inside
 * Errors (whose message, stack and own fields are copied), and passwords in URLs masked. Never mutates.
 */
export function maskSecrets(value: unknown, ancestors = new Set<object>()): unknown {
  if (typeof value === 'string') return maskUrlPasswords(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  // Cycles become a marker so that the copy can always be serialised.
  if (ancestors.has(value)) return '[Circular]';
  // Someone will log an Express request one day: stop before copying the whole socket graph.
  if (ancestors.size >= MAX_DEPTH) return '[Truncated]';
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => maskSecrets(item, ancestors));
    const copy: Record<string, unknown> = {};
    if (value instanceof Error) {
      // name, message and stack are not enumerable: copy them so they survive JSON.
      copy.name = value.name;
      copy.message = maskUrlPasswords(value.message);
      if (value.stack) copy.stack = maskUrlPasswords(value.stack);
      if (value.cause !== undefined) copy.cause = maskSecrets(value.cause, ancestors);
    }
    for (const [key, item] of Object.entries(value)) {
      copy[key] = SECRET_KEY.test(key) ? MASK : maskSecrets(item, ancestors);
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}
