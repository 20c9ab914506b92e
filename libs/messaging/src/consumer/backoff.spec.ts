import { backoffMs } from './backoff';

describe(backoffMs.name, () => {
  const policy = { baseMs: 100, maxMs: 1_000 };

  it('doubles per attempt within [step/2, step] and stops at the cap', () => {
    expect(backoffMs(policy, 1, () => 0)).toBe(50);
    expect(backoffMs(policy, 1, () => 1)).toBe(100);
    expect(backoffMs(policy, 3, () => 1)).toBe(400);
    expect(backoffMs(policy, 10, () => 1)).toBe(1_000);
    expect(backoffMs(policy, 10, () => 0)).toBe(500);
  });

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffMs(policy, 4)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
