import { Module } from '@nestjs/common';
import { OrderReplayController } from './order-replay.controller';
import { OrderReplay } from './order-replay.service';

/**
 * POST /api/v1/trades/{id}/replay (approver, sre), for the upload-gateway's API. Needs the LedgerModule
 * and the auth guard of the process that serves it; the adapter processes do not import it.
 */
@Module({ controllers: [OrderReplayController], providers: [OrderReplay], exports: [OrderReplay] })
export class OrderReplayModule {}
