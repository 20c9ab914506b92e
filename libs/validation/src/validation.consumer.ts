import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import type { EntityManager } from 'typeorm';
import { ValidationService } from './validation.service';

@MessageConsumer('validation-service')
export class ValidationConsumer {
  constructor(private readonly validation: ValidationService) {}

  @OnMessage(Topics.tradesReceived)
  async onTradeReceived(
    message: InboundMessage<typeof Topics.tradesReceived>,
    tx: EntityManager,
  ): Promise<void> {
    await this.validation.validate(tx, message.payload);
  }
}
