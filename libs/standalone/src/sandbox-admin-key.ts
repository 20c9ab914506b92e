import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The standalone sandbox's first admin: CONTINGENCY_BOOTSTRAP_ADMIN_KEY when given, otherwise a key
 * generated once into DATA_DIR/admin-api-key (readable by the owner only), so a fresh laptop install
 * can create the other keys. Never used in distributed mode, where the variable is the only way.
 */
export function sandboxAdminKey(dataDir: string, configured?: string): { key: string; file?: string } {
  if (configured) return { key: configured };
  const file = join(dataDir, 'admin-api-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  }
  return { key: readFileSync(file, 'utf8').trim(), file };
}
