import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The documents in an outbox folder on disk: final names with their text, temporary names apart. */
export function outboxFiles(folder: string): { finals: Map<string, string>; temporaries: string[] } {
  const names = existsSync(folder) ? readdirSync(folder) : [];
  return {
    finals: new Map(
      names.filter((n) => !n.startsWith('.')).map((n) => [n, readFileSync(join(folder, n), 'utf8')]),
    ),
    temporaries: names.filter((n) => n.startsWith('.')),
  };
}
