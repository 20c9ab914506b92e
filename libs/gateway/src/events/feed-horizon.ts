/**
 * Which trade_history rows the live feed may hand out, in id order, without ever skipping one that a
 * transaction still in flight will commit later. Ids come from a sequence when a row is written, not
 * when it commits, so id 11 can be visible while id 10 is not yet: a hole. A hole is either a
 * transaction still running (wait for it) or a rolled-back one (pass it).
 *
 * Every transaction that takes an id holds a write lock on trade_history, from before it takes the id
 * until it ends. So the writers seen right after a hole is found (the fence) include whoever holds the
 * missing ids; once none of them is left, a read shows what they committed and the rest never will be.
 * Only the writers of this table in this database count: an unrelated long transaction elsewhere on the
 * server holds nothing up. (Assumes the sequence's default CACHE 1, so ids are taken in order.)
 *
 * The caller's protocol, per poll: `fenceCleared(writers)` read BEFORE the rows when `waiting`;
 * `advance(rows)`; `fence(writers)` read AFTER the rows when `needsFence`.
 */

interface Wait {
  fence?: ReadonlySet<string>;
  /** Every writer of the fence has ended: the next read shows all the fence will ever commit. */
  over: boolean;
}

export class FeedHorizon {
  private last: number;
  private started = false;
  private wait: Wait | undefined;

  /** `head`: the highest id visible at start; `writers`: those writing trade_history right after. */
  constructor(head: number, writers: Iterable<string>) {
    this.last = head;
    this.wait = { over: false };
    this.fence(writers);
  }

  /** The last id handed out (or passed as a dead hole); the next read starts after it. */
  get position(): number {
    return this.last;
  }

  /** Every row with an id at or below this exists or never will; undefined until the start has settled. */
  get settled(): number | undefined {
    return this.started ? this.last : undefined;
  }

  get waiting(): boolean {
    return this.wait?.fence !== undefined && !this.wait.over;
  }

  get needsFence(): boolean {
    return this.wait !== undefined && this.wait.fence === undefined;
  }

  /** The writers of trade_history now, read before the next rows. */
  fenceCleared(writers: Iterable<string>): void {
    const wait = this.wait;
    if (!wait?.fence || wait.over) return;
    const current = new Set(writers);
    wait.over = ![...wait.fence].some((w) => current.has(w));
  }

  /** The writers of trade_history now, read after the rows that showed a hole. */
  fence(writers: Iterable<string>): void {
    if (!this.wait || this.wait.fence) return;
    this.wait.fence = new Set(writers);
    this.wait.over = this.wait.fence.size === 0;
  }

  /** The rows read after `position`, ascending: those to hand out now. */
  advance<R extends { id: number }>(rows: readonly R[]): R[] {
    if (!this.started) {
      if (!this.wait?.over) return [];
      this.started = true;
      this.wait = undefined;
    }
    const out: R[] = [];
    for (const row of rows) {
      if (row.id <= this.last) continue;
      if (row.id !== this.last + 1) {
        if (!this.wait) this.wait = { over: false };
        if (!this.wait.over) break; // a hole that may still be being written
      }
      this.last = row.id;
      this.wait = undefined;
      out.push(row);
    }
    return out;
  }
}
