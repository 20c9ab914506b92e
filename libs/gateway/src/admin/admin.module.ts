import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';

/** The admin API. Needs AuthModule.forRoot (global: ApiKeyStore and the guard) in the app. */
@Module({ controllers: [ApiKeysController] })
export class AdminModule {}
