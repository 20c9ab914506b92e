import { Module } from '@nestjs/common';
import { UnmatchedAcksController } from './unmatched-acks.controller';
import { UnmatchedAcks } from './unmatched-acks.repository';

/**
 * GET /api/v1/acks/unmatched (viewer, operator, sre, admin). Needs the LedgerModule and the auth guard
 * (AuthModule) of the process that serves it: without the guard the route refuses everyone.
 */
@Module({ controllers: [UnmatchedAcksController], providers: [UnmatchedAcks], exports: [UnmatchedAcks] })
export class UnmatchedAcksApiModule {}
