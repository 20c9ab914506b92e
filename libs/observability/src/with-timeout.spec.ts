import { withTimeout } from './with-timeout';

describe(withTimeout.name, () => {
  it("answers with the work's result when it finishes in time", async () => {
    await expect(withTimeout(() => Promise.resolve(42), 1_000, 'too slow')).resolves.toBe(42);
  });

  it('rejects with the message when the work takes longer', async () => {
    const never = () => new Promise<void>(() => undefined);
    await expect(withTimeout(never, 10, 'no answer within 10 ms')).rejects.toThrow('no answer within 10 ms');
  });

  it("fails with the work's own error, thrown or rejected", async () => {
    const thrown = () => {
      throw new Error('thrown');
    };
    await expect(withTimeout(thrown, 1_000, 'too slow')).rejects.toThrow('thrown');
    await expect(withTimeout(() => Promise.reject(new Error('rejected')), 1_000, 'x')).rejects.toThrow(
      'rejected',
    );
  });

  it('leaves no timer behind', async () => {
    const clear = jest.spyOn(global, 'clearTimeout');
    await withTimeout(() => 'done', 60_000, 'too slow');
    expect(clear).toHaveBeenCalled();
    clear.mockRestore();
  });
});
