import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { bindHandlers } from './consumer-host';
import type { InboundMessage } from './inbound-message';
import { MessageConsumer, OnMessage } from './message-consumer.decorators';

@MessageConsumer('validation-service')
class TradesConsumer {
  readonly seen: string[] = [];

  @OnMessage(Topics.tradesReceived)
  async onReceived(message: InboundMessage<typeof Topics.tradesReceived>, _tx: EntityManager): Promise<void> {
    this.seen.push(message.payload.tradeId);
    return Promise.resolve();
  }

  @OnMessage(Topics.taAcks, { batch: true, maxAttempts: 2, maxBatchSize: 500 })
  async onAcks(messages: InboundMessage<typeof Topics.taAcks>[], _tx: EntityManager): Promise<void> {
    this.seen.push(...messages.map((m) => m.payload.orderRef));
    return Promise.resolve();
  }
}

@MessageConsumer('validation-service')
class Clash {
  @OnMessage(Topics.tradesReceived)
  async again(): Promise<void> {
    return Promise.resolve();
  }
}

class Undecorated {}

@MessageConsumer('validation-service')
class EmptyChunks {
  @OnMessage(Topics.taAcks, { batch: true, maxBatchSize: 0 })
  async onAcks(): Promise<void> {
    return Promise.resolve();
  }
}

describe(bindHandlers.name, () => {
  it('groups handlers by consumer group and topic, with their options', async () => {
    const consumer = new TradesConsumer();
    const groups = bindHandlers([consumer], 8);
    const handlers = groups.get('validation-service')!;
    expect([...handlers.keys()]).toEqual([Topics.tradesReceived, Topics.taAcks]);
    expect(handlers.get(Topics.tradesReceived)).toMatchObject({
      batch: false,
      maxBatchSize: 100,
      maxAttempts: 8,
    });
    expect(handlers.get(Topics.taAcks)).toMatchObject({
      batch: true,
      maxBatchSize: 500,
      maxAttempts: 2,
      name: 'TradesConsumer.onAcks',
    });

    const tx = {} as EntityManager;
    await handlers.get(Topics.tradesReceived)!.call({ payload: { tradeId: 't-1' } } as InboundMessage, tx);
    await handlers.get(Topics.taAcks)!.call([{ payload: { orderRef: 'MC1' } }] as InboundMessage[], tx);
    expect(consumer.seen).toEqual(['t-1', 'MC1']);
  });

  it('refuses two handlers for one topic in one group, undecorated classes and empty chunks', () => {
    expect(() => bindHandlers([new TradesConsumer(), new Clash()], 8)).toThrow(/two handlers/);
    expect(() => bindHandlers([new Undecorated()], 8)).toThrow(/not a @MessageConsumer/);
    expect(() => bindHandlers([new EmptyChunks()], 8)).toThrow(/maxBatchSize must be a positive integer/);
  });
});
