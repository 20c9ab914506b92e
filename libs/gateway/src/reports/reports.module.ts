import { Module } from '@nestjs/common';
import { HandbackReader } from './handback.reader';
import { HandbackReport } from './handback.report';
import { ReportsController } from './reports.controller';

/** GET /reports/handback. Needs LedgerModule (global). */
@Module({
  controllers: [ReportsController],
  providers: [HandbackReader, HandbackReport],
})
export class ReportsModule {}
