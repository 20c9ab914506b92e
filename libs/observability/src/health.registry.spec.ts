import { HealthRegistry } from './health.registry';

describe(HealthRegistry.name, () => {
  it('is ok with no checks', async () => {
    const sut = new HealthRegistry();
    await expect(sut.liveness()).resolves.toEqual({ status: 'ok', checks: {} });
    await expect(sut.readiness()).resolves.toEqual({ status: 'ok', checks: {} });
  });

  it('reports a hung check as an error naming it, within its timeout', async () => {
    const sut = new HealthRegistry();
    sut.register('kafka', () => new Promise<void>(() => undefined), { timeoutMs: 50 });
    sut.register('ledger', () => Promise.resolve());

    const started = Date.now();
    const report = await sut.readiness();

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.status).toBe('error');
    expect(report.checks.kafka).toEqual({
      status: 'error',
      error: 'kafka did not answer within 50 ms',
      durationMs: expect.any(Number),
    });
    expect(report.checks.ledger.status).toBe('ok');
  });

  it('times out after 2 s by default', async () => {
    jest.useFakeTimers();
    try {
      const sut = new HealthRegistry();
      sut.register('ledger', () => new Promise<void>(() => undefined));
      const report = sut.readiness();
      await jest.advanceTimersByTimeAsync(2_000);
      await expect(report).resolves.toMatchObject({
        checks: { ledger: { status: 'error', error: 'ledger did not answer within 2000 ms' } },
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts a check that throws synchronously as failed and masks URL passwords in its error', async () => {
    const sut = new HealthRegistry();
    sut.register('ledger', () => {
      throw new Error('cannot reach postgres://app:pg-pass@db/ledger');
    });
    const report = await sut.readiness();
    expect(report.checks.ledger).toMatchObject({
      status: 'error',
      error: 'cannot reach postgres://app:***@db/ledger',
    });
  });

  it('runs only liveness checks for liveness, and every check for readiness', async () => {
    const sut = new HealthRegistry();
    sut.register('event-loop', () => Promise.resolve(), { readiness: false });
    sut.register('ledger', () => Promise.reject(new Error('down')));

    await expect(sut.liveness()).resolves.toEqual({
      status: 'ok',
      checks: { 'event-loop': { status: 'ok', durationMs: expect.any(Number) } },
    });
    const readiness = await sut.readiness();
    expect(readiness.status).toBe('error');
    expect(Object.keys(readiness.checks)).toEqual(['event-loop', 'ledger']);
  });

  it('refuses a second check under the same name', () => {
    const sut = new HealthRegistry();
    sut.register('ledger', () => Promise.resolve());
    expect(() => sut.register('ledger', () => Promise.resolve())).toThrow(/ledger/);
  });
});
