import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { ValidationConsumer } from './validation.consumer';
import { ValidationLookups } from './validation.lookups';
import { ValidationService } from './validation.service';

/** The validation service: needs the LedgerModule and the MessagingModule (which starts the consumer). */
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    ValidationLookups,
    ValidationService,
    ValidationConsumer,
  ],
  exports: [ValidationService],
})
export class ValidationModule {}
