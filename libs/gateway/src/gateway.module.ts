import { Module } from '@nestjs/common';
import { BatchApproval } from './batch-approval.service';
import { TradeIntake } from './trade-intake.service';

@Module({
  providers: [TradeIntake, BatchApproval],
  exports: [TradeIntake, BatchApproval],
})
export class GatewayModule {}
