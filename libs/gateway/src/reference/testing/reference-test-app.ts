import type { INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { LedgerModule } from '@contingency/ledger';
import { ObservabilityModule, OBSERVABILITY_ROUTES } from '@contingency/observability';
import { ApiExceptionFilter } from '../../http/api-exception.filter';
import { ReferenceModule } from '../reference.module';
import { TestPrincipalGuard } from '@contingency/testing';

/** TEST ONLY: the reference API on a test ledger, callers named by x-test-principal (see the guard). */
export async function createReferenceTestApp(dataSource: DataSource): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ObservabilityModule.forRoot({ service: 'reference-test', logLevel: 'error' }),
      LedgerModule.forDataSource(dataSource),
      ReferenceModule,
    ],
    providers: [
      { provide: APP_FILTER, useClass: ApiExceptionFilter },
      { provide: APP_GUARD, useClass: TestPrincipalGuard },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.setGlobalPrefix('api/v1', { exclude: OBSERVABILITY_ROUTES });
  await app.init();
  return app;
}
