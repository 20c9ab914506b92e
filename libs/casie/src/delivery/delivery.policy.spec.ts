import { backoffMs } from '@contingency/messaging';
import { afterUnavailable, canFailOver, statusQueryDelayMs } from './delivery.policy';

const policy = { retry: { maxAttempts: 4, baseMs: 1_000, maxMs: 5_000 }, failover: true };
const GS = { provider: 'GS', alternateRoute: null } as const;
const NON_GS_ALTERNATE = { provider: 'NON_GS', alternateRoute: 'CALASTONE' } as const;
const NON_GS_CASIE_ONLY = { provider: 'NON_GS', alternateRoute: null } as const;

describe(afterUnavailable.name, () => {
  it('fails a fund with an alternate route over at once', () => {
    expect(afterUnavailable(1, NON_GS_ALTERNATE, policy)).toEqual({ action: 'failover', to: 'CALASTONE' });
  });

  it('never fails a GS fund over, even with an alternate route in the data', () => {
    expect(canFailOver({ provider: 'GS', alternateRoute: 'CALASTONE' })).toBe(false);
    expect(afterUnavailable(1, GS, policy).action).toBe('retry');
  });

  it('retries with growing, jittered delays, then dead-letters after the last attempt', () => {
    expect(afterUnavailable(1, GS, policy, () => 0)).toEqual({ action: 'retry', delayMs: 500 });
    expect(afterUnavailable(2, GS, policy, () => 1)).toEqual({ action: 'retry', delayMs: 2_000 });
    expect(afterUnavailable(3, NON_GS_CASIE_ONLY, policy, () => 1)).toEqual({
      action: 'retry',
      delayMs: 4_000,
    });
    expect(afterUnavailable(4, GS, policy)).toEqual({ action: 'dead-letter' });
  });

  it('retries when failover is switched off or the fund is gone from the master', () => {
    expect(afterUnavailable(1, NON_GS_ALTERNATE, { ...policy, failover: false }).action).toBe('retry');
    expect(afterUnavailable(1, null, policy).action).toBe('retry');
  });
});

describe(statusQueryDelayMs.name, () => {
  const queries = { settleMs: 2_000, baseMs: 1_000, maxMs: 8_000 };

  it('waits the settle time before the first query, then backs off up to the cap, forever', () => {
    expect(statusQueryDelayMs(queries, 0)).toBe(2_000);
    expect(statusQueryDelayMs(queries, 1, () => 1)).toBe(1_000);
    expect(statusQueryDelayMs(queries, 3, () => 1)).toBe(4_000);
    expect(statusQueryDelayMs(queries, 50, () => 1)).toBe(8_000);
  });
});

describe(backoffMs.name, () => {
  it('keeps half of each step fixed and jitters the other half', () => {
    expect(backoffMs({ baseMs: 100, maxMs: 10_000 }, 4, () => 0)).toBe(400);
    expect(backoffMs({ baseMs: 100, maxMs: 10_000 }, 4, () => 0.999)).toBe(800);
  });
});
