import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadConfig } from '@contingency/config';
import { MessagingRuntime } from '@contingency/messaging';
import { createServiceApp } from '@contingency/platform';
import { TestPrincipalGuard } from '@contingency/testing';
import { AcksModule } from '../acks.module';
import type { AcksModuleOptions } from '../acks.options';

@Module({ providers: [{ provide: APP_GUARD, useClass: TestPrincipalGuard }] })
class TestAuthModule {}

/**
 * The ack-ingestor in this process (distributed mode: real Kafka, real PostgreSQL), listening on a free
 * port with the test principal guard; resolves once its consumer owns its partitions.
 */
export async function startAcksApp(args: {
  databaseUrl: string;
  groupPrefix: string;
  acks: AcksModuleOptions;
}): Promise<{ app: INestApplication; url: string }> {
  const config = loadConfig(
    {
      ...process.env,
      CONTINGENCY_MODE: 'distributed',
      DATABASE_URL: args.databaseUrl,
      KAFKA_GROUP_PREFIX: args.groupPrefix,
      KAFKA_START_FROM: 'latest',
      DATABASE_MIGRATE: 'false',
    },
    { service: 'ack-ingestor' },
  );
  const app = await createServiceApp(
    {
      service: 'ack-ingestor',
      defaultPort: 0,
      features: () => [TestAuthModule, AcksModule.forRoot(args.acks)],
    },
    config,
  );
  await app.listen(0, '127.0.0.1');
  await app.get(MessagingRuntime).ready();
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
