import { type DynamicModule, Module } from '@nestjs/common';
import type { CalastoneConfig } from '@contingency/config';
import { calastoneCanaryProbe } from './calastone.canary';
import { CalastoneConsumer } from './calastone.consumer';
import { CalastoneMetrics } from './calastone.metrics';
import {
  CALASTONE_SETTINGS,
  type CalastoneModuleOptions,
  resolveCalastoneOptions,
} from './calastone.options';
import { CalastoneChannelModule } from './channel/create-channel';
import { CalastoneDeliveries } from './delivery/calastone-deliveries.repository';
import { CalastoneDeliveryWorker } from './delivery/calastone-delivery.worker';
import { CalastoneIntake } from './delivery/calastone-intake.service';
import { DeliveryRecorder } from './delivery/delivery-recorder.service';
import { SetrValidatorCloser, setrValidatorProvider } from './setr-validator.provider';

export interface CalastoneAdapterOptions extends CalastoneModuleOptions {
  /** Where the mailbox is: SFTP, or local folders (standalone). */
  channel: CalastoneConfig;
}

/**
 * The calastone-adapter: consumes orders.calastone.v1, validates each order's setr document against the
 * official XSD and puts it in the Calastone outbox exactly once. Needs the platform (ledger, messaging,
 * observability).
 */
@Module({})
export class CalastoneModule {
  static forRoot(options: CalastoneAdapterOptions): DynamicModule {
    const settings = resolveCalastoneOptions(options);
    return {
      module: CalastoneModule,
      imports: [CalastoneChannelModule.forRoot(options.channel)],
      providers: [
        { provide: CALASTONE_SETTINGS, useValue: settings },
        setrValidatorProvider(settings.xsdDir),
        SetrValidatorCloser,
        CalastoneMetrics,
        CalastoneDeliveries,
        CalastoneIntake,
        DeliveryRecorder,
        CalastoneDeliveryWorker,
        CalastoneConsumer,
        calastoneCanaryProbe,
      ],
      exports: [CalastoneDeliveryWorker],
    };
  }
}
