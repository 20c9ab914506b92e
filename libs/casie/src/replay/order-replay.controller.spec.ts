import { HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY, type Principal } from '@contingency/auth';
import type { TradeEntity } from '@contingency/ledger';
import { OrderReplayController } from './order-replay.controller';
import { NotReplayableError, type OrderReplay } from './order-replay.service';

const TRADE_ID = '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0002';
const sre: Principal = { id: 'sre-1', displayName: 'SRE', kind: 'api-key', roles: ['sre'] };

function setup(replay: OrderReplay['replay']) {
  const replays = { replay: jest.fn(replay) };
  return { sut: new OrderReplayController(replays as unknown as OrderReplay), replays };
}

describe(OrderReplayController.name, () => {
  it('is for approvers and SRE only', () => {
    expect(new Reflector().get(ROLES_KEY, OrderReplayController.prototype.replay)).toEqual([
      'approver',
      'sre',
    ]);
  });

  it('replays as the caller and answers the released trade', async () => {
    const { sut, replays } = setup(() =>
      Promise.resolve({
        id: TRADE_ID,
        status: 'RELEASED',
        route: 'CASIE',
        orderRef: 'MC1',
        version: 7,
      } as TradeEntity),
    );

    await expect(sut.replay(TRADE_ID.toUpperCase(), sre, '10.0.0.1')).resolves.toEqual({
      id: TRADE_ID,
      status: 'RELEASED',
      route: 'CASIE',
      orderRef: 'MC1',
      version: 7,
    });
    expect(replays.replay).toHaveBeenCalledWith({ tradeId: TRADE_ID, actor: 'sre-1', sourceIp: '10.0.0.1' });
  });

  it('answers 409 NOT_REPLAYABLE for a trade that is not dead-lettered', async () => {
    const { sut } = setup(() => Promise.reject(new NotReplayableError(TRADE_ID, 'DISPATCHED')));

    const error = (await sut.replay(TRADE_ID, sre, '::1').catch((e: unknown) => e)) as HttpException;
    expect(error.getStatus()).toBe(409);
    expect(error.getResponse()).toEqual({
      code: 'NOT_REPLAYABLE',
      message: `trade ${TRADE_ID} is DISPATCHED: only a DEAD_LETTERED trade can be replayed`,
    });
  });

  it('answers 400 for an id that is not a UUID, without asking the ledger', async () => {
    const { sut, replays } = setup(() => Promise.reject(new Error('not called')));

    await expect(sut.replay('42', sre, '::1')).rejects.toMatchObject({ status: 400 });
    expect(replays.replay).not.toHaveBeenCalled();
  });
});
