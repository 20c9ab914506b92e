import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule, NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { LedgerModule } from '@contingency/ledger';
import { OBSERVABILITY_ROUTES, ObservabilityModule, type LogLevel } from '@contingency/observability';
import { ApiExceptionFilter } from '../../http/api-exception.filter';
import { BatchesModule } from '../batches.module';
import type { BatchesOptions } from '../batches.options';
import { TestPrincipalGuard } from '@contingency/testing';

@Module({})
class BatchesTestRootModule {}

export interface BatchesTestApp {
  app: INestApplication;
  /** http://127.0.0.1:<port>/api/v1 */
  api: string;
  close(): Promise<void>;
}

/**
 * FOR TESTS AND BENCHMARKS: the batches routes on a real HTTP port over the given ledger, with the
 * exception filter and the x-test-principal guard in place of API keys.
 */
export async function startBatchesTestApp(
  dataSource: DataSource,
  options: BatchesOptions,
  {
    logLevel = 'error',
    configure,
  }: { logLevel?: LogLevel; configure?: (app: INestApplication) => void } = {},
): Promise<BatchesTestApp> {
  const root: DynamicModule = {
    module: BatchesTestRootModule,
    imports: [
      DiscoveryModule, // for setupOpenApi, as the platform's messaging brings it in the apps
      ObservabilityModule.forRoot({ service: 'upload-gateway', logLevel, logFormat: 'json' }),
      LedgerModule.forDataSource(dataSource),
      BatchesModule.forRoot(options),
    ],
    providers: [
      { provide: APP_FILTER, useClass: ApiExceptionFilter },
      { provide: APP_GUARD, useClass: TestPrincipalGuard },
    ],
  };
  const app = await NestFactory.create(root, { logger: false, abortOnError: false });
  app.setGlobalPrefix('api/v1', { exclude: OBSERVABILITY_ROUTES });
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, api: `${url}/api/v1`, close: () => app.close() };
}
