import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type JournalEntry =
  | { orderRef: string; casieOrderId: string; receivedAt: string; body: Record<string, unknown> }
  | { duplicateOf: string; at: string };

/**
 * What the Casie simulator received, as JSON lines (DATA_DIR/simulators/casie-orders.jsonl), so that a
 * drill's "each order exactly once" still holds across a simulator restart. Appended synchronously: an
 * order is answered only once it is written.
 */
export class CasieOrderJournal {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  load(): JournalEntry[] {
    if (!existsSync(this.file)) return [];
    const entries: JournalEntry[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch {
        // A line cut short by a crash: the order it held was never answered, so Casie never had it.
      }
    }
    return entries;
  }

  append(entry: JournalEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
