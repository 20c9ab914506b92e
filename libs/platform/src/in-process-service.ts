import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@contingency/config';
import { MessagingRuntime } from '@contingency/messaging';
import { createServiceApp, type ServiceDefinition } from './bootstrap';

/**
 * For tests: one service in this process, in distributed mode (real Kafka, real PostgreSQL), its consumer groups
 * prefixed and starting at the end of their topics; resolves once its consumers own their partitions,
 * so that messages published next are seen.
 */
export async function startInProcessService(args: {
  service: string;
  databaseUrl: string;
  groupPrefix: string;
  features: ServiceDefinition['features'];
  env?: Record<string, string>;
}): Promise<INestApplication> {
  const config = loadConfig(
    {
      ...process.env,
      ...args.env,
      CONTINGENCY_MODE: 'distributed',
      DATABASE_URL: args.databaseUrl,
      KAFKA_GROUP_PREFIX: args.groupPrefix,
      KAFKA_START_FROM: 'latest',
      DATABASE_MIGRATE: 'false',
    },
    { service: args.service },
  );
  const app = await createServiceApp(
    { service: args.service, defaultPort: 0, features: args.features },
    config,
  );
  await app.init();
  await app.get(MessagingRuntime).ready();
  return app;
}
