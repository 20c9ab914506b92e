import { Module } from '@nestjs/common';
import { ValidationConsumer } from './validation.consumer';
import { ValidationService } from './validation.service';

@Module({ providers: [ValidationService, ValidationConsumer] })
export class ValidationModule {}
