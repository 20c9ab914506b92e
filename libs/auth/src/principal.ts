import type { Role } from '@contingency/contracts';

/**
 * Who is calling. `id` is the person or program behind the credential — the identity four eyes compares:
 * every API key created for one person carries that person's id, so a second key cannot approve their
 * own upload.
 */
export interface Principal {
  id: string;
  displayName: string;
  kind: 'api-key' | 'user';
  roles: readonly Role[];
  /** The API key's id when the caller used one (for audit). */
  credentialId?: string;
}
