import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { markProcessed } from '@contingency/ledger';
import type { AckEvent } from '../ack-event';
import { AckProcessor, type ProcessedAck } from '../ack-processor.service';
import { retryOnConflict } from '../retry-on-conflict';

/** The processed_messages consumer and "topic" of inbox documents. */
export const INBOX_CONSUMER = 'ack-ingestor.calastone-inbox';
export const INBOX_TOPIC = 'calastone-inbox';

/**
 * Commits the effect of one inbox document exactly once: its acknowledgments and its key (file name +
 * SHA-256 of the bytes) in processed_messages, in one transaction. A document seen again after a crash
 * between that commit and its move to processed/ finds its key and changes nothing.
 */
@Injectable()
export class InboxIngest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processor: AckProcessor,
  ) {}

  /** What the acknowledgments did, or undefined when this document's effect was committed before. */
  commit(key: string, acks: readonly AckEvent[]): Promise<ProcessedAck[] | undefined> {
    return retryOnConflict(() =>
      this.dataSource.transaction(async (tx) => {
        if (!(await markProcessed(tx, INBOX_CONSUMER, key, INBOX_TOPIC))) return undefined;
        const done: ProcessedAck[] = [];
        for (const ack of acks) done.push(...(await this.processor.process(tx, ack)));
        return done;
      }),
    );
  }
}
