import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { SseClient } from './sse-client';
import type { TradeAlertEvent } from './trade-alert.event';
import type { TradeStatusEvent } from './trade-status.event';

const BATCH = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function event(historyId: number, batchId = BATCH): TradeStatusEvent {
  return {
    tradeId: '33333333-3333-4333-8333-333333333333',
    batchId,
    accountId: 'ACC-1',
    from: 'RECEIVED',
    to: 'VALID',
    route: 'CASIE',
    actor: 'validation-service',
    at: '2026-12-04T10:00:00.000Z',
    historyId,
  };
}

function alert(historyId: number): TradeAlertEvent {
  return {
    tradeId: '33333333-3333-4333-8333-333333333333',
    batchId: BATCH,
    kind: 'ACK_OVERDUE',
    details: { dispatchedAt: '2026-12-04T09:40:00.000Z', slaMinutes: 15, route: 'CASIE' },
    at: '2026-12-04T10:00:00.000Z',
    historyId,
  };
}

class FakeResponse extends EventEmitter {
  chunks: string[] = [];
  writableEnded = false;
  writableLength = 0;
  writableNeedDrain = false;
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.writableEnded = true;
    this.emit('close');
  }
  get ids(): number[] {
    return this.chunks.flatMap((c) => (/^id: (\d+)/.exec(c) ? [Number(/^id: (\d+)/.exec(c)![1])] : []));
  }
}

function setup({ batchId, after = 0 }: { batchId?: string; after?: number } = {}) {
  const res = new FakeResponse();
  const onClose = jest.fn();
  const sut = new SseClient(
    res as unknown as Response,
    batchId,
    after,
    { maxBufferedBytes: 1000, maxPendingEvents: 3 },
    onClose,
  );
  return { sut, res, onClose };
}

describe(SseClient.name, () => {
  it('writes an event as id, event name and JSON data', async () => {
    const { sut, res } = setup();

    await sut.sendCaughtUp([event(7)]);

    expect(res.chunks).toEqual([`id: 7\nevent: trade.status\ndata: ${JSON.stringify(event(7))}\n\n`]);
  });

  it('names an alert trade.alert, in the same id sequence as the status changes', async () => {
    const { sut, res } = setup();

    await sut.sendCaughtUp([event(7), alert(8)]);
    sut.goLive();
    sut.offer(alert(8));
    sut.offer(event(9));

    expect(res.ids).toEqual([7, 8, 9]);
    expect(res.chunks[1]).toBe(`id: 8\nevent: trade.alert\ndata: ${JSON.stringify(alert(8))}\n\n`);
    expect(res.chunks[2]).toMatch(/^id: 9\nevent: trade.status\n/);
  });

  it('holds live events during the catch-up and merges both without gaps or duplicates', async () => {
    const { sut, res } = setup({ after: 2 });
    sut.offer(event(5));
    sut.offer(event(6));

    await sut.sendCaughtUp([event(3), event(4), event(5)]);
    expect(res.ids).toEqual([3, 4, 5]);
    sut.goLive();
    sut.offer(event(6)); // the feed never repeats, but a repeat must not reach the client
    sut.offer(event(7));

    expect(res.ids).toEqual([3, 4, 5, 6, 7]);
  });

  it('never sends an id at or below the one the client resumed after', () => {
    const { sut, res } = setup({ after: 10 });
    sut.goLive();

    sut.offer(event(9));
    sut.offer(event(10));
    sut.offer(event(11));

    expect(res.ids).toEqual([11]);
  });

  it('starts after the given position when the client asked for nothing older', () => {
    const { sut, res } = setup();
    sut.skipTo(20);
    sut.goLive();

    sut.offer(event(20));
    sut.offer(event(21));

    expect(res.ids).toEqual([21]);
  });

  it('passes only the events of its batch when filtered', () => {
    const { sut, res } = setup({ batchId: BATCH });
    sut.goLive();

    sut.offer(event(1, OTHER));
    sut.offer(event(2, BATCH));

    expect(res.ids).toEqual([2]);
  });

  it('writes a comment as heartbeat', () => {
    const { sut, res } = setup();

    sut.heartbeat();

    expect(res.chunks).toEqual([': keep-alive\n\n']);
  });

  it('cuts off a client that lets too many live events pile up during its catch-up', () => {
    const { sut, res, onClose } = setup();

    for (const id of [1, 2, 3, 4]) sut.offer(event(id));

    expect(sut.isClosed).toBe(true);
    expect(res.writableEnded).toBe(true);
    expect(onClose).toHaveBeenCalledWith(sut);
  });

  it('cuts off a live client whose socket does not drain (it resumes with Last-Event-ID)', () => {
    const { sut, res, onClose } = setup();
    sut.goLive();
    res.writableLength = 5000;

    sut.offer(event(1));

    expect(sut.isClosed).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes once when the connection goes away, and writes nothing after', () => {
    const { sut, res, onClose } = setup();
    sut.goLive();

    res.emit('close');
    res.emit('close');
    sut.offer(event(1));

    expect(onClose).toHaveBeenCalledTimes(1);
    expect(res.chunks).toEqual([]);
  });
});
