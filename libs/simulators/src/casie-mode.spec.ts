import { behaviourFor, casieMode, CasieModeRequest, seededRandom } from './casie-mode';

describe(behaviourFor.name, () => {
  const draw = (n: number, ratio: number, seed: number) => {
    const random = seededRandom(seed);
    const mode = casieMode({ mode: 'flaky', failureRatio: ratio, seed });
    return Array.from({ length: n }, () => behaviourFor(mode, 'submit', random).action);
  };

  it('fails a flaky share close to the ratio, the same sequence for the same seed', () => {
    const fails = draw(1_000, 0.3, 7).filter((a) => a === 'fail').length;

    expect(fails).toBeGreaterThan(250);
    expect(fails).toBeLessThan(350);
    expect(draw(50, 0.5, 42)).toEqual(draw(50, 0.5, 42));
    expect(draw(50, 0.5, 42)).not.toEqual(draw(50, 0.5, 43));
  });

  it('records then holds a POST in accept-then-timeout, but answers the status query', () => {
    const mode = casieMode({ mode: 'accept-then-timeout', delayMs: 30_000 });

    expect(behaviourFor(mode, 'submit', Math.random)).toEqual({ action: 'record-then-hold', holdMs: 30_000 });
    expect(behaviourFor(mode, 'status', Math.random)).toEqual({ action: 'answer', delayMs: 0 });
  });

  it('is down for both calls, by 503 unless told to reset the connection', () => {
    expect(behaviourFor(casieMode({ mode: 'down' }), 'status', Math.random)).toEqual({
      action: 'fail',
      with: '503',
    });
    expect(behaviourFor(casieMode({ mode: 'down', downWith: 'reset' }), 'submit', Math.random)).toEqual({
      action: 'fail',
      with: 'reset',
    });
  });

  it('delays every answer when slow', () => {
    expect(behaviourFor(casieMode({ mode: 'slow', delayMs: 750 }), 'submit', Math.random)).toEqual({
      action: 'answer',
      delayMs: 750,
    });
  });
});

describe('CasieModeRequest', () => {
  it('refuses an unknown mode, a ratio above 1 and unknown fields', () => {
    expect(CasieModeRequest.safeParse({ mode: 'sideways' }).success).toBe(false);
    expect(CasieModeRequest.safeParse({ mode: 'flaky', failureRatio: 2 }).success).toBe(false);
    expect(CasieModeRequest.safeParse({ mode: 'up', delay: 5 }).success).toBe(false);
  });
});
