import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Logger } from 'winston';
import {
  CALASTONE_CHANNEL,
  type CalastoneChannel,
  CalastoneChannelError,
  type InboundFile,
} from '@contingency/calastone';
import {
  parseSetrInbound,
  SetrParseError,
  type SetrInbound,
  SetrValidatorError,
} from '@contingency/iso20022';
import { LOGGER, withLogContext } from '@contingency/observability';
import { AcksMetrics, type InboxFailure, type INBOX_REJECTIONS } from '../acks.metrics';
import { ACKS_SETTINGS, type AcksSettings } from '../acks.options';
import { acksFromSetr } from '../sources/setr.ack';
import { InboxIngest } from './inbox-ingest.service';
import { InboxValidator } from './inbox-validator';

/** What became of one inbox document in a poll. */
export type InboxOutcome = 'processed' | 'rejected' | 'deferred';

export interface InboxPollSummary {
  listed: number;
  processed: number;
  rejected: number;
  /** Left in the inbox for the next poll (the channel, the validator or the database failed). */
  deferred: number;
}

type Rejection = (typeof INBOX_REJECTIONS)[number];

/**
 * The Calastone inbox: each setr.016 / setr.012 / setr.006 document is read (never more than
 * `maxBytes`), parsed safely, its acknowledgments committed, and only then moved to processed/.
 * What cannot be read as one of them goes to rejected/ with its reason logged and counted; what fails
 * for a passing reason stays for the next poll. Nothing a document holds stops the poll.
 */
@Injectable()
export class CalastoneInbox {
  constructor(
    @Inject(CALASTONE_CHANNEL) private readonly channel: CalastoneChannel,
    private readonly ingest: InboxIngest,
    private readonly validator: InboxValidator,
    private readonly metrics: AcksMetrics,
    @Inject(ACKS_SETTINGS) private readonly settings: AcksSettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  /** Takes the oldest documents of the inbox, one after the other. Throws only when the listing fails. */
  async pollOnce(): Promise<InboxPollSummary> {
    let files: InboundFile[];
    try {
      files = await this.channel.listInbound(this.settings.inbox.batchSize);
    } catch (error) {
      this.metrics.inboxFailure('list');
      throw error;
    }
    const summary: InboxPollSummary = { listed: files.length, processed: 0, rejected: 0, deferred: 0 };
    for (const file of files) summary[await this.take(file)]++;
    return summary;
  }

  private take(file: InboundFile): Promise<InboxOutcome> {
    return withLogContext({ correlationId: `calastone-inbox:${file.name}` }, async () => {
      const { maxBytes } = this.settings.inbox;
      // Refused by its listed size before a byte is read: a huge document is never loaded.
      if (file.size > maxBytes) {
        return this.reject(file.name, 'TOO_LARGE', `${file.size} bytes, more than the ${maxBytes} allowed`);
      }
      const content = await this.read(file.name);
      if (content === undefined) return 'deferred';
      if (content instanceof CalastoneChannelError)
        return this.reject(file.name, 'TOO_LARGE', content.message);

      const document = await this.parse(file.name, content);
      if (document === 'deferred') return 'deferred';
      if (document instanceof SetrParseError) return this.reject(file.name, document.code, document.message);

      const key = `${file.name}:${createHash('sha256').update(content).digest('hex')}`;
      try {
        const done = await this.ingest.commit(key, acksFromSetr(document, file.name));
        for (const { ack, result } of done ?? []) this.metrics.ack(ack.source, result);
        if (done === undefined) this.logger?.info(`${file.name} was already taken: moving it to processed/`);
      } catch (error) {
        return this.defer(file.name, 'apply', error);
      }
      return this.settle(file.name, 'processed');
    });
  }

  private async read(name: string): Promise<Buffer | CalastoneChannelError | undefined> {
    try {
      return await this.channel.readInbound(name, this.settings.inbox.maxBytes);
    } catch (error) {
      if (error instanceof CalastoneChannelError && error.code === 'TOO_LARGE') return error;
      this.defer(name, 'read', error);
      return undefined;
    }
  }

  private async parse(name: string, content: Buffer): Promise<SetrInbound | SetrParseError | 'deferred'> {
    try {
      const validator = await this.validator.get();
      return parseSetrInbound(content, { validator, limits: { maxBytes: this.settings.inbox.maxBytes } });
    } catch (error) {
      if (error instanceof SetrParseError) return error;
      if (error instanceof SetrValidatorError) await this.validator.reset();
      this.defer(name, 'validator', error);
      return 'deferred';
    }
  }

  private async reject(name: string, reason: Rejection, message: string): Promise<InboxOutcome> {
    this.logger?.warn(`rejected ${name} (${reason}): ${message}`, { file: name, reason });
    const outcome = await this.settle(name, 'rejected');
    if (outcome === 'rejected') this.metrics.fileRejected(reason);
    return outcome;
  }

  private async settle(name: string, to: 'processed' | 'rejected'): Promise<InboxOutcome> {
    try {
      await this.channel.settleInbound(name, to);
    } catch (error) {
      // Still in the inbox: the next poll reads it again, finds its effect committed, and moves it.
      return this.defer(name, 'settle', error);
    }
    if (to === 'processed') this.metrics.fileProcessed();
    return to;
  }

  private defer(name: string, stage: InboxFailure, error: unknown): 'deferred' {
    this.metrics.inboxFailure(stage);
    this.logger?.error(`${name} stays in the inbox: ${stage} failed`, { file: name, error });
    return 'deferred';
  }
}
