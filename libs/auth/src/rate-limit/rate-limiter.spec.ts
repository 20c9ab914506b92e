import { InMemoryRateLimiter } from './rate-limiter';

function setup() {
  let now = 1_000_000;
  const sut = new InMemoryRateLimiter(() => now);
  return { sut, advance: (ms: number) => (now += ms) };
}

describe(InMemoryRateLimiter.name, () => {
  it('allows `limit` requests in a window and refuses the next with the seconds left', () => {
    const { sut, advance } = setup();
    for (let i = 0; i < 3; i++) expect(sut.take('k', 3, 60)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    advance(20_500);
    expect(sut.take('k', 3, 60)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('opens a fresh window once the old one is over', () => {
    const { sut, advance } = setup();
    sut.take('k', 1, 10);
    expect(sut.take('k', 1, 10).allowed).toBe(false);
    advance(10_000);
    expect(sut.take('k', 1, 10).allowed).toBe(true);
  });

  it('counts each key on its own', () => {
    const { sut } = setup();
    expect(sut.take('a', 1, 60).allowed).toBe(true);
    expect(sut.take('b', 1, 60).allowed).toBe(true);
    expect(sut.take('a', 1, 60).allowed).toBe(false);
  });

  it('never answers Retry-After 0 to a refusal', () => {
    const { sut, advance } = setup();
    sut.take('k', 1, 1);
    advance(999);
    expect(sut.take('k', 1, 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('stays bounded under a flood of distinct keys (spoofed addresses)', () => {
    const { sut, advance } = setup();
    for (let i = 0; i < 120_000; i++) sut.take(`ip-${i}`, 5, 60);
    expect(sut.size).toBeLessThanOrEqual(100_000);
    advance(60_000);
    sut.take('late', 5, 60);
    sut.take('later', 5, 60); // expired windows are swept once the map is large
    expect(sut.size).toBeLessThan(10);
  });
});
