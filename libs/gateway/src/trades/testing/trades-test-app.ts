import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { LedgerModule } from '@contingency/ledger';
import { OBSERVABILITY_ROUTES, ObservabilityModule } from '@contingency/observability';
import { ApiExceptionFilter } from '../../http/api-exception.filter';
import { TestPrincipalGuard } from '@contingency/testing';

@Module({})
class TradesTestRootModule {}

export interface TradesTestApp {
  app: INestApplication;
  /** http://127.0.0.1:<port>/api/v1 */
  api: string;
  close(): Promise<void>;
}

/**
 * FOR TESTS: the given feature modules on a real HTTP port (SSE needs one) over the given ledger, with
 * the API exception filter and the x-test-principal guard in place of API keys.
 */
export async function startTradesTestApp(
  dataSource: DataSource,
  features: Array<Type | DynamicModule>,
  configure?: (app: INestApplication) => void,
): Promise<TradesTestApp> {
  const root: DynamicModule = {
    module: TradesTestRootModule,
    imports: [
      ObservabilityModule.forRoot({ service: 'upload-gateway', logLevel: 'error', logFormat: 'json' }),
      LedgerModule.forDataSource(dataSource),
      ...features,
    ],
    providers: [
      { provide: APP_FILTER, useClass: ApiExceptionFilter },
      { provide: APP_GUARD, useClass: TestPrincipalGuard },
    ],
  };
  const app = await NestFactory.create(root, { logger: false });
  app.setGlobalPrefix('api/v1', { exclude: OBSERVABILITY_ROUTES });
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, api: `${url}/api/v1`, close: () => app.close() };
}
