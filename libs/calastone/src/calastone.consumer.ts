import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import { CalastoneDeliveryWorker } from './delivery/calastone-delivery.worker';
import { CalastoneIntake } from './delivery/calastone-intake.service';

@MessageConsumer('calastone-adapter')
export class CalastoneConsumer {
  constructor(
    private readonly intake: CalastoneIntake,
    private readonly worker: CalastoneDeliveryWorker,
  ) {}

  // A fetch's orders are taken in one transaction; the messaging layer falls back to one by one on failure.
  @OnMessage(Topics.ordersCalastone, { batch: true })
  async onOrders(
    messages: InboundMessage<typeof Topics.ordersCalastone>[],
    tx: EntityManager,
  ): Promise<void> {
    const { opened } = await this.intake.accept(
      tx,
      messages.map((m) => m.payload),
    );
    if (opened > 0) this.worker.wake();
  }
}
