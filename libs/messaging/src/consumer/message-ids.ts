import { createHash } from 'node:crypto';

/** A UUID (version 8, "custom") from a SHA-256 of the parts: the same parts always give the same id. */
export function deterministicUuid(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Records without a message-id header (the external TA feed): the same record, the same id. */
export const contentMessageId = (topic: string, key: string, value: Buffer): string =>
  deterministicUuid('content', topic, key, value);

/** The id of the delayed redelivery copy for `attempt` (deterministic, so writing it twice is a no-op). */
export const redeliveryMessageId = (messageId: string, attempt: number): string =>
  deterministicUuid('redelivery', messageId, String(attempt));

export const deadLetterMessageId = (messageId: string): string => deterministicUuid('dead-letter', messageId);
