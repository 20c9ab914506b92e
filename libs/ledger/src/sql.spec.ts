import { chunk, valuesList } from './sql';

describe(valuesList.name, () => {
  it('numbers the parameters across rows and keeps constant columns as they are', () => {
    expect(valuesList(2, ['?::uuid', "'RECEIVED'", 'COALESCE(?::timestamptz, now())'])).toBe(
      "($1::uuid, 'RECEIVED', COALESCE($2::timestamptz, now())), ($3::uuid, 'RECEIVED', COALESCE($4::timestamptz, now()))",
    );
  });
});

describe(chunk.name, () => {
  it('splits into parts of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 2)).toEqual([]);
  });
});
