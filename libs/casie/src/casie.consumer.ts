import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import { CasieDeliveryWorker } from './delivery/casie-delivery.worker';
import { CasieIntake } from './delivery/casie-intake.service';

@MessageConsumer('casie-adapter')
export class CasieConsumer {
  constructor(
    private readonly intake: CasieIntake,
    private readonly worker: CasieDeliveryWorker,
  ) {}

  // A fetch's orders are taken in one transaction; the messaging layer falls back to one by one on failure.
  @OnMessage(Topics.ordersCasie, { batch: true })
  async onOrders(messages: InboundMessage<typeof Topics.ordersCasie>[], tx: EntityManager): Promise<void> {
    const { opened } = await this.intake.accept(
      tx,
      messages.map((m) => m.payload),
    );
    if (opened > 0) this.worker.wake();
  }
}
