import { FeedHorizon, type Snapshot } from './feed-horizon';

const GRACE = 500;
const idle = (xid: number): Snapshot => ({ xmin: BigInt(xid), xmax: BigInt(xid) });
const busy = (xmin: number, xmax: number): Snapshot => ({ xmin: BigInt(xmin), xmax: BigInt(xmax) });
const rows = (...ids: number[]) => ids.map((id) => ({ id }));
const ids = (out: Array<{ id: number }>) => out.map((r) => r.id);

/** Started at head 10 at t=0 and settled at t=GRACE on an idle database. */
function settledAt10() {
  const sut = new FeedHorizon(10, GRACE, 0);
  sut.advance([], idle(100), GRACE);
  return sut;
}

describe(FeedHorizon.name, () => {
  it('hands out nothing and settles nothing before the grace of its start has passed', () => {
    const sut = new FeedHorizon(10, GRACE, 0);

    expect(sut.advance(rows(11, 12), idle(100), GRACE - 1)).toEqual([]);
    expect(sut.settled).toBeUndefined();
    expect(sut.position).toBe(10);
  });

  it('waits at its start for every transaction that was running after the grace to end', () => {
    const sut = new FeedHorizon(10, GRACE, 0);

    // Transaction 95 may still commit an id below 10: the fence is xmax 100.
    expect(sut.advance(rows(11), busy(95, 100), GRACE)).toEqual([]);
    expect(sut.advance(rows(11), busy(99, 103), GRACE + 500)).toEqual([]);
    expect(sut.settled).toBeUndefined();

    expect(ids(sut.advance(rows(11), busy(100, 104), GRACE + 1000))).toEqual([11]);
    expect(sut.settled).toBe(11);
  });

  it('hands out contiguous rows in order and moves its position', () => {
    const sut = settledAt10();

    expect(ids(sut.advance(rows(11, 12, 13), idle(100), 1000))).toEqual([11, 12, 13]);
    expect(sut.position).toBe(13);
    expect(sut.settled).toBe(13);
  });

  it('ignores rows at or below its position', () => {
    const sut = settledAt10();

    expect(ids(sut.advance(rows(9, 10, 11), idle(100), 1000))).toEqual([11]);
  });

  it('stops at a hole and hands out the rows after it once the hole is filled', () => {
    const sut = settledAt10();

    expect(ids(sut.advance(rows(11, 13, 14), busy(100, 101), 1000))).toEqual([11]);
    expect(ids(sut.advance(rows(13, 14), busy(100, 101), 1200))).toEqual([]);
    expect(ids(sut.advance(rows(12, 13, 14), idle(101), 1400))).toEqual([12, 13, 14]);
  });

  it('never skips a hole while a transaction that existed after the grace is still running', () => {
    const sut = settledAt10();
    sut.advance(rows(12), busy(100, 101), 1000); // hole at 11 seen at t=1000

    expect(sut.advance(rows(12), busy(100, 101), 1000 + GRACE)).toEqual([]); // fence = 101
    expect(sut.advance(rows(12), busy(100, 105), 60_000)).toEqual([]); // 100 still running a minute later
    expect(sut.position).toBe(10);
  });

  it('skips a hole left by a rolled-back transaction once every older transaction has ended', () => {
    const sut = settledAt10();
    sut.advance(rows(12, 13), busy(100, 101), 1000);
    sut.advance(rows(12, 13), busy(100, 101), 1000 + GRACE);

    expect(ids(sut.advance(rows(12, 13), busy(101, 106), 1000 + GRACE + 500))).toEqual([12, 13]);
    expect(sut.settled).toBe(13);
  });

  it('does not skip a hole before its grace even on an idle database', () => {
    const sut = settledAt10();

    expect(sut.advance(rows(12), idle(100), 1000)).toEqual([]);
    expect(sut.advance(rows(12), idle(100), 1000 + GRACE - 1)).toEqual([]);
    expect(ids(sut.advance(rows(12), idle(100), 1000 + GRACE))).toEqual([12]);
  });

  it('judges a second hole on its own, after the first is passed', () => {
    const sut = settledAt10();
    sut.advance(rows(12, 14), idle(100), 1000);

    expect(ids(sut.advance(rows(12, 14), idle(100), 1000 + GRACE))).toEqual([12]);
    expect(sut.advance(rows(14), idle(100), 1000 + GRACE + 1)).toEqual([]);
    expect(ids(sut.advance(rows(14), idle(100), 1000 + 2 * GRACE + 1))).toEqual([14]);
  });
});
