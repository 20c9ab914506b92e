import { describe, expect, it } from 'vitest';
import { aBatch } from '../test/factories';
import { batchesOf, batchFiltersFrom, countsSummary } from './batch-list';

const zeroCounts = aBatch({
  counts: { ...aBatch().counts, total: 0, valid: 0, invalid: 0, possibleDuplicates: 0 },
}).counts;

describe(batchFiltersFrom.name, () => {
  it('takes a known status in any letter case and a trimmed uploader', () => {
    expect(batchFiltersFrom(new URLSearchParams('status=failed&uploadedBy=%20ops-1%20'))).toEqual({
      status: 'FAILED',
      uploadedBy: 'ops-1',
    });
  });

  it('ignores an unknown status and empty values rather than sending a request the API refuses', () => {
    expect(batchFiltersFrom(new URLSearchParams('status=DONE&uploadedBy='))).toEqual({});
    expect(batchFiltersFrom(new URLSearchParams(''))).toEqual({});
  });
});

describe(batchesOf.name, () => {
  it('lists the loaded pages in order, each batch once', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id) => aBatch({ id }));
    expect(batchesOf([{ items: [a, b], nextCursor: 'x' }, { items: [b, c] }]).map((x) => x.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(batchesOf(undefined)).toEqual([]);
  });
});

describe(countsSummary.name, () => {
  it('names the rows, and only the stages some trade is in', () => {
    expect(countsSummary(aBatch())).toBe('3 rows · 2 valid · 1 with errors · 1 possible duplicates');
    expect(
      countsSummary(
        aBatch({
          status: 'RELEASED',
          counts: { ...zeroCounts, total: 5, invalid: 1, dispatched: 2, confirmed: 1, nacked: 1 },
        }),
      ),
    ).toBe('5 rows · 1 with errors · 3 released · 1 need attention');
    expect(
      countsSummary(aBatch({ status: 'VALIDATING', counts: { ...zeroCounts, total: 1, received: 1 } })),
    ).toBe('1 row · 1 validating');
  });

  it('gives a FAILED batch its refusal code instead of counts', () => {
    expect(
      countsSummary(
        aBatch({
          status: 'FAILED',
          counts: zeroCounts,
          failure: { code: 'BAD_ENCODING', message: 'not UTF-8' },
        }),
      ),
    ).toBe('Refused: BAD_ENCODING');
  });
});
