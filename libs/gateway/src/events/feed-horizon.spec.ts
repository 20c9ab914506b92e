import { FeedHorizon } from './feed-horizon';

const rows = (...ids: number[]) => ids.map((id) => ({ id }));
const ids = (out: Array<{ id: number }>) => out.map((r) => r.id);

/** Started at head 10 with nobody writing. */
const settledAt10 = () => {
  const sut = new FeedHorizon(10, []);
  sut.advance([]);
  return sut;
};

describe(FeedHorizon.name, () => {
  it('settles at once at its head when nobody is writing trade_history', () => {
    const sut = new FeedHorizon(10, []);

    expect(ids(sut.advance(rows(11, 12)))).toEqual([11, 12]);
    expect(sut.settled).toBe(12);
  });

  it('waits at its start for the writers that might still commit an id below its head', () => {
    const sut = new FeedHorizon(10, ['3/17', '4/2']);

    expect(sut.advance(rows(11))).toEqual([]);
    expect(sut.settled).toBeUndefined();
    expect(sut.position).toBe(10);
    sut.fenceCleared(['4/2', '5/9']);
    expect(sut.advance(rows(11))).toEqual([]);

    sut.fenceCleared(['5/9', '6/1']); // later writers do not matter
    expect(ids(sut.advance(rows(11)))).toEqual([11]);
    expect(sut.settled).toBe(11);
  });

  it('hands out contiguous rows in order and ignores those at or below its position', () => {
    const sut = settledAt10();

    expect(ids(sut.advance(rows(9, 10, 11, 12, 13)))).toEqual([11, 12, 13]);
    expect(sut.position).toBe(13);
    expect(sut.needsFence).toBe(false);
  });

  it('stops at a hole, asks for a fence, and hands out the rows after it once the hole is filled', () => {
    const sut = settledAt10();

    expect(ids(sut.advance(rows(11, 13, 14)))).toEqual([11]);
    expect(sut.needsFence).toBe(true);
    sut.fence(['3/17']);
    expect(sut.waiting).toBe(true);
    sut.fenceCleared(['3/17']);
    expect(sut.advance(rows(13, 14))).toEqual([]);

    sut.fenceCleared([]);
    expect(ids(sut.advance(rows(12, 13, 14)))).toEqual([12, 13, 14]);
    expect(sut.waiting).toBe(false);
  });

  it('never passes a hole while a writer of its fence is still running', () => {
    const sut = settledAt10();
    sut.advance(rows(12));
    sut.fence(['3/17', '4/2']);

    for (const writers of [['3/17'], ['4/2', '9/9'], ['4/2']]) {
      sut.fenceCleared(writers);
      expect(sut.advance(rows(12, 13))).toEqual([]);
    }
    expect(sut.position).toBe(10);
  });

  it('passes a hole left by a rolled-back transaction once the writers of its fence have ended', () => {
    const sut = settledAt10();
    sut.advance(rows(12, 13));
    sut.fence(['3/17']);

    sut.fenceCleared(['8/1']);

    expect(ids(sut.advance(rows(12, 13)))).toEqual([12, 13]);
    expect(sut.settled).toBe(13);
  });

  it('passes a hole at the next read when nobody was writing as it was found', () => {
    const sut = settledAt10();
    expect(sut.advance(rows(12))).toEqual([]);

    sut.fence([]);

    expect(sut.waiting).toBe(false);
    expect(ids(sut.advance(rows(12)))).toEqual([12]);
  });

  it('judges a second hole on its own, with a fresh fence', () => {
    const sut = settledAt10();
    sut.advance(rows(12, 14));
    sut.fence([]);

    expect(ids(sut.advance(rows(12, 14)))).toEqual([12]);
    expect(sut.needsFence).toBe(true);
    sut.fence(['7/7']);
    sut.fenceCleared(['7/7']);
    expect(sut.advance(rows(14))).toEqual([]);
    sut.fenceCleared([]);
    expect(ids(sut.advance(rows(14)))).toEqual([14]);
  });
});
