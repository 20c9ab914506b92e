import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { OpenAlertsReader } from './open-alerts.reader';

/** GET /alerts: the watch's alerts still open. Needs LedgerModule (global). */
@Module({ controllers: [AlertsController], providers: [OpenAlertsReader] })
export class AlertsModule {}
