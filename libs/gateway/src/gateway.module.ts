import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BatchApproval } from './batch-approval.service';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { TradeIntake } from './trade-intake.service';

@Module({
  providers: [TradeIntake, BatchApproval, { provide: APP_FILTER, useClass: ApiExceptionFilter }],
  exports: [TradeIntake, BatchApproval],
})
export class GatewayModule {}
