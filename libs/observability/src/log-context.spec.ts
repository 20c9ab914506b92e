import { currentLogContext, withLogContext } from './log-context';

describe(withLogContext.name, () => {
  it('merges nested contexts and restores the outer one afterwards', () => {
    withLogContext({ correlationId: 'c-1', batchId: 'b-1' }, () => {
      withLogContext({ tradeId: 't-1', batchId: 'b-2', messageId: undefined }, () => {
        expect(currentLogContext()).toEqual({ correlationId: 'c-1', batchId: 'b-2', tradeId: 't-1' });
      });
      expect(currentLogContext()).toEqual({ correlationId: 'c-1', batchId: 'b-1' });
    });
    expect(currentLogContext()).toEqual({});
  });

  it('follows the flow across awaits and returns what fn returns', async () => {
    const result = await withLogContext({ tradeId: 't-9' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentLogContext().tradeId;
    });
    expect(result).toBe('t-9');
  });

  it('keeps concurrent flows apart', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((id) =>
        withLogContext({ messageId: id }, async () => {
          await new Promise((resolve) => setTimeout(resolve, id === 'a' ? 5 : 1));
          return currentLogContext().messageId;
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b']);
  });
});
