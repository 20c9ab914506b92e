import { TradeReceivedV1 } from '@contingency/contracts';
import { TRADE_COLUMNS } from './trade-columns';

describe('TRADE_COLUMNS', () => {
  it('covers exactly the cells of trades.received.v1', () => {
    expect(TRADE_COLUMNS.map((c) => c.key).sort()).toEqual(
      Object.keys(TradeReceivedV1.shape.cells.shape).sort(),
    );
  });

  it('requires all columns but settlement_date and comment', () => {
    expect(TRADE_COLUMNS.filter((c) => !c.required).map((c) => c.name)).toEqual([
      'settlement_date',
      'comment',
    ]);
  });
});
