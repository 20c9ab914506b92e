import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CollectedOrder } from './calastone-answers';

/** Where an order stands: collected (answers still to write), then the outcome of its last answer. */
export type CalastoneOrderStatus = 'RECEIVED' | 'ACCEPTED' | 'CONFIRMED' | 'REJECTED';

export type CalastoneJournalEntry =
  | { kind: 'order'; order: CollectedOrder }
  | { kind: 'answered'; orderRef: string; status: CalastoneOrderStatus; at: string }
  | { kind: 'duplicate'; orderRef: string; messageId: string; fileName: string; at: string };

/**
 * What the Calastone simulator collected, as JSON lines (DATA_DIR/simulators/calastone-orders.jsonl), so
 * that a drill's "each order exactly once" still holds across a simulator restart. Appended
 * synchronously, before the order file is removed from the outbox.
 */
export class CalastoneOrderJournal {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  load(): CalastoneJournalEntry[] {
    if (!existsSync(this.file)) return [];
    const entries: CalastoneJournalEntry[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as CalastoneJournalEntry);
      } catch {
        // A line cut short by a crash: its order file was not removed yet, so it is collected again.
      }
    }
    return entries;
  }

  append(entry: CalastoneJournalEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
