/**
 * Which trade_history rows the live feed may hand out, in id order, without ever skipping one that a
 * transaction still in flight will commit later. Ids come from a sequence when a row is written, not
 * when it commits, so id 11 can be visible while id 10 is not yet: a hole. A hole is either a
 * transaction still running (wait for it) or a rolled-back one (skip it). PostgreSQL's snapshot tells
 * them apart: once the oldest running transaction (xmin) is newer than every transaction that existed
 * when we started waiting (the fence, an xmax), whatever is still missing will never appear.
 *
 * The grace covers the instant between a transaction taking an id (nextval) and getting its
 * transaction id; the fence is only taken after it.
 */

export interface Snapshot {
  /** pg_snapshot_xmin: every transaction older than this has ended. */
  xmin: bigint;
  /** pg_snapshot_xmax: every transaction that has begun writing is older than this. */
  xmax: bigint;
}

interface Wait {
  since: number;
  fence?: bigint;
}

export class FeedHorizon {
  private last: number;
  private waiting: Wait | undefined;
  private settledOnce = false;

  /**
   * `head` is the highest id visible when the feed starts: the feed hands out what comes after it,
   * once every transaction that might still commit an id at or below it has ended.
   */
  constructor(
    head: number,
    private readonly graceMs: number,
    now: number,
  ) {
    this.last = head;
    this.waiting = { since: now };
  }

  /** The last id handed out (or skipped as a dead hole); the next read starts after it. */
  get position(): number {
    return this.last;
  }

  /** Every row with an id at or below this exists or never will; undefined until the start has settled. */
  get settled(): number | undefined {
    return this.settledOnce ? this.last : undefined;
  }

  /** Given the rows read after `settled` (ascending, with the snapshot of the same statement): those to hand out. */
  advance<R extends { id: number }>(rows: readonly R[], snapshot: Snapshot, now: number): R[] {
    if (!this.settledOnce) {
      if (!this.waitIsOver(snapshot, now)) return [];
      this.settledOnce = true;
    }
    const out: R[] = [];
    for (const row of rows) {
      if (row.id <= this.last) continue;
      if (row.id !== this.last + 1) {
        this.waiting ??= { since: now };
        if (!this.waitIsOver(snapshot, now)) break; // a hole: maybe still being written
      }
      this.last = row.id;
      this.waiting = undefined;
      out.push(row);
    }
    return out;
  }

  private waitIsOver(snapshot: Snapshot, now: number): boolean {
    const wait = this.waiting;
    if (!wait) return true;
    if (now - wait.since < this.graceMs) return false;
    wait.fence ??= snapshot.xmax;
    if (snapshot.xmin < wait.fence) return false;
    this.waiting = undefined;
    return true;
  }
}
