import { type DynamicModule, Module } from '@nestjs/common';
import { CasieDispatch } from './casie-dispatch.service';
import { CasieClient, type CasieClientOptions } from './casie.client';
import { CasieConsumer } from './casie.consumer';

@Module({})
export class CasieModule {
  static forRoot(options: CasieClientOptions): DynamicModule {
    return {
      module: CasieModule,
      providers: [{ provide: CasieClient, useValue: new CasieClient(options) }, CasieDispatch, CasieConsumer],
    };
  }
}
