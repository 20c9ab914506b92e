import { CircuitBreaker, type CircuitState } from './circuit-breaker';

function setup() {
  let now = 1_000;
  const changes: CircuitState[] = [];
  const sut = new CircuitBreaker(
    { failureThreshold: 3, openMs: 10_000 },
    (s) => changes.push(s),
    () => now,
  );
  return { sut, changes, advance: (ms: number) => (now += ms) };
}

describe(CircuitBreaker.name, () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { sut } = setup();
    sut.failure();
    sut.failure();
    sut.success();
    sut.failure();
    sut.failure();

    expect(sut.state).toBe('closed');
    expect(sut.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and refuses calls during the cool-down', () => {
    const { sut, changes, advance } = setup();
    for (let i = 0; i < 3; i++) sut.failure();

    expect(sut.state).toBe('open');
    expect(changes).toEqual(['open']);
    advance(9_999);
    expect(sut.tryAcquire()).toBe(false);
  });

  it('lets one trial through after the cool-down (half-open) and closes on its success', () => {
    const { sut, changes, advance } = setup();
    for (let i = 0; i < 3; i++) sut.failure();
    advance(10_000);

    expect(sut.tryAcquire()).toBe(true);
    expect(sut.state).toBe('half-open');
    expect(sut.tryAcquire()).toBe(false);
    sut.success();
    expect(sut.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again when the trial fails, for a whole new cool-down', () => {
    const { sut, advance } = setup();
    for (let i = 0; i < 3; i++) sut.failure();
    advance(10_000);
    sut.tryAcquire();
    sut.failure();

    expect(sut.state).toBe('open');
    advance(5_000);
    expect(sut.tryAcquire()).toBe(false);
    advance(5_000);
    expect(sut.tryAcquire()).toBe(true);
  });
});
