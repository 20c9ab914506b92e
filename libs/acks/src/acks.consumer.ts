import type { EntityManager } from 'typeorm';
import { Topics } from '@contingency/contracts';
import { type InboundMessage, MessageConsumer, OnMessage } from '@contingency/messaging';
import { AckMatching } from './ack-matching.service';

@MessageConsumer('ack-ingestor')
export class AcksConsumer {
  constructor(private readonly matching: AckMatching) {}

  @OnMessage(Topics.taAcks)
  async onAck(message: InboundMessage<typeof Topics.taAcks>, tx: EntityManager): Promise<void> {
    await this.matching.apply(tx, message.payload);
  }
}
