import { Module } from '@nestjs/common';
import { FundMasterService } from './fund-master.service';
import { FundsController } from './funds.controller';

/** Reference data: the fund master (`/api/v1/reference/funds`). Needs the (global) LedgerModule. */
@Module({
  controllers: [FundsController],
  providers: [FundMasterService],
  exports: [FundMasterService],
})
export class ReferenceModule {}
