import { safeReturnTo } from './return-to';

describe(safeReturnTo.name, () => {
  it.each(['/', '/batches', '/trades?status=OPEN&limit=10', '/batches/1#errors'])(
    'keeps the path %s',
    (path) => {
      expect(safeReturnTo(path)).toBe(path);
    },
  );

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    'batches',
    '/x\nSet-Cookie: a=b',
    `/${'a'.repeat(2048)}`,
    undefined,
    ['/a', '/b'],
  ])('sends %p to /', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
