import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { OrderReplayModule } from '@contingency/casie';
import { RateLimitModule } from '@contingency/auth';
import type { AppConfig } from '@contingency/config';
import { AdminModule } from './admin/admin.module';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { BatchesModule } from './batches/batches.module';
import { EventsModule } from './events/events.module';
import { gatewayCanaryProbes } from './gateway.canary';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { ReferenceModule } from './reference/reference.module';
import { ReportsModule } from './reports/reports.module';
import { TradesModule } from './trades/trades.module';

/** The upload gateway's REST API: batches and approval, trades (and replay), events, reference data, admin. */
@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        BatchesModule.forRoot({
          dataDir: config.dataDir,
          maxBytes: config.upload.maxBytes,
          maxRows: config.upload.maxRows,
        }),
        TradesModule,
        EventsModule,
        AlertsModule,
        ReferenceModule,
        AdminModule,
        ReportsModule,
        OrderReplayModule,
        AuditModule,
        RateLimitModule.forRoot(),
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }, ...gatewayCanaryProbes(config.mode)],
      exports: [BatchesModule],
    };
  }
}
