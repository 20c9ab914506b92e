import { PollingLoop, type RoundOutcome } from './polling-loop';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(PollingLoop.name, () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  const loopOf = (outcomes: Array<RoundOutcome | Error>, intervalMs = 1_000, maxBackoffMs?: number) => {
    let rounds = 0;
    const loop = new PollingLoop(
      () => {
        const next = outcomes[Math.min(rounds++, outcomes.length - 1)];
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      },
      { name: 'test loop', intervalMs, maxBackoffMs },
    );
    return { loop, rounds: () => rounds };
  };

  it('runs the next round at once while there is more, then waits the interval', async () => {
    const { loop, rounds } = loopOf(['more', 'more', 'idle']);
    loop.start();
    await tick();
    expect(rounds()).toBe(3);

    await jest.advanceTimersByTimeAsync(999);
    expect(rounds()).toBe(3);
    await jest.advanceTimersByTimeAsync(1);
    expect(rounds()).toBe(4);
    await loop.stop();
  });

  it('starts a round at once when woken during a pause', async () => {
    const { loop, rounds } = loopOf(['idle']);
    loop.start();
    await tick();
    expect(rounds()).toBe(1);

    loop.wake();
    await tick();
    expect(rounds()).toBe(2);
    await loop.stop();
  });

  it('waits longer after each failed round, up to the maximum, and recovers', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const { loop, rounds } = loopOf(
      [new Error('down'), new Error('down'), new Error('down'), 'idle'],
      100,
      250,
    );
    loop.start();
    await tick();
    expect(rounds()).toBe(1);
    await jest.advanceTimersByTimeAsync(100); // 1st failure: 100
    expect(rounds()).toBe(2);
    await jest.advanceTimersByTimeAsync(199);
    expect(rounds()).toBe(2); // 2nd failure: 200
    await jest.advanceTimersByTimeAsync(1);
    expect(rounds()).toBe(3);
    await jest.advanceTimersByTimeAsync(250); // 3rd failure: capped at 250
    expect(rounds()).toBe(4);
    await jest.advanceTimersByTimeAsync(100); // recovered: the interval again
    expect(rounds()).toBe(5);
    await loop.stop();
  });

  it('stops without waiting out the pause, after the round in hand', async () => {
    let finishRound: () => void = () => undefined;
    let rounds = 0;
    const loop = new PollingLoop(
      () =>
        new Promise<RoundOutcome>((resolve) => {
          rounds++;
          finishRound = () => resolve('idle');
        }),
      { name: 'slow loop', intervalMs: 60_000 },
    );
    loop.start();
    await tick();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);

    finishRound();
    await stopping;
    expect(rounds).toBe(1);
  });
});
