import { Module } from '@nestjs/common';
import { AckMatching } from './ack-matching.service';
import { AcksConsumer } from './acks.consumer';

@Module({ providers: [AckMatching, AcksConsumer] })
export class AcksModule {}
