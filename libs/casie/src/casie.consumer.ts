import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import { CasieDispatch } from './casie-dispatch.service';

@MessageConsumer('casie-adapter')
export class CasieConsumer {
  constructor(private readonly dispatcher: CasieDispatch) {}

  @OnMessage(Topics.ordersCasie)
  async onOrder(message: InboundMessage<typeof Topics.ordersCasie>, tx: EntityManager): Promise<void> {
    await this.dispatcher.dispatch(tx, message.payload);
  }
}
