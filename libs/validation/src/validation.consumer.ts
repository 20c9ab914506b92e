import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import type { EntityManager } from 'typeorm';
import { ValidationService } from './validation.service';

/**
 * Validation is set-based per chunk, so a larger chunk spreads the fixed per-chunk work (lookups, batch
 * completion) over more rows: on 100,000 rows the median was ~3,700 rows/s at 1,000 against ~2,200 at
 * 100 (a noisy shared host). A failed chunk is redone one message at a time by the messaging layer.
 */
export const TRADES_RECEIVED_CHUNK = 1_000;

@MessageConsumer('validation-service')
export class ValidationConsumer {
  constructor(private readonly validation: ValidationService) {}

  // A fetch's messages are judged together in one transaction; after a failure the messaging layer
  // calls this again with one message at a time, through the same code.
  @OnMessage(Topics.tradesReceived, { batch: true, maxBatchSize: TRADES_RECEIVED_CHUNK })
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
