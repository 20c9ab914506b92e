import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import type { EntityManager } from 'typeorm';
import { ValidationService } from './validation.service';

@MessageConsumer('validation-service')
export class ValidationConsumer {
  constructor(private readonly validation: ValidationService) {}

  // A fetch's messages are judged together in one transaction; after a failure the messaging layer
  // calls this again with one message at a time, through the same code.
  @OnMessage(Topics.tradesReceived, { batch: true })
  async onTradesReceived(
    messages: InboundMessage<typeof Topics.tradesReceived>[],
    tx: EntityManager,
  ): Promise<void> {
    await this.validation.validateChunk(
      tx,
      messages.map((m) => m.payload),
    );
  }
}
