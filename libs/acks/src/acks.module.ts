import { type DynamicModule, Module } from '@nestjs/common';
import { CalastoneChannelModule } from '@contingency/calastone';
import { AckProcessor } from './ack-processor.service';
import { AcksConsumer } from './acks.consumer';
import { AcksMetrics } from './acks.metrics';
import { ACKS_SETTINGS, type AcksModuleOptions, resolveAcksOptions } from './acks.options';
import { CalastoneInboxPoller } from './inbox/calastone-inbox.poller';
import { CalastoneInbox } from './inbox/calastone-inbox.service';
import { InboxIngest } from './inbox/inbox-ingest.service';
import { InboxValidator } from './inbox/inbox-validator';
import { UnmatchedAckRematcher } from './unmatched/unmatched-ack.rematcher';
import { UnmatchedAcksApiModule } from './unmatched/unmatched-acks-api.module';

/**
 * The ack-ingestor: consumes ta.acks.v1, keeps and re-matches the answers that come before their trade,
 * and serves GET /api/v1/acks/unmatched (so the process needs the AuthModule). `AcksModule.forRoot`
 * also polls the Calastone inbox. Needs the platform (ledger, messaging, observability).
 */
@Module({
  imports: [UnmatchedAcksApiModule],
  providers: [AcksMetrics, AckProcessor, AcksConsumer, UnmatchedAckRematcher],
  exports: [AckProcessor],
})
export class AcksModule {
  static forRoot(options: AcksModuleOptions): DynamicModule {
    const settings = { provide: ACKS_SETTINGS, useValue: resolveAcksOptions(options) };
    if (!options.inbox) return { module: AcksModule, providers: [settings] };
    return {
      module: AcksModule,
      imports: [CalastoneChannelModule.forRoot(options.inbox.channel)],
      providers: [settings, InboxValidator, InboxIngest, CalastoneInbox, CalastoneInboxPoller],
    };
  }
}
