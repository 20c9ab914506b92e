import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import { AckProcessor } from './ack-processor.service';
import { AcksMetrics } from './acks.metrics';
import { ackFromTaFeed } from './sources/ta-feed.ack';

@MessageConsumer('ack-ingestor')
export class AcksConsumer {
  constructor(
    private readonly processor: AckProcessor,
    private readonly metrics: AcksMetrics,
  ) {}

  @OnMessage(Topics.taAcks)
  async onAck(message: InboundMessage<typeof Topics.taAcks>, tx: EntityManager): Promise<void> {
    const done = await this.processor.process(tx, ackFromTaFeed(message.payload, message.messageId));
    for (const { ack, result } of done) this.metrics.ack(ack.source, result);
  }
}
