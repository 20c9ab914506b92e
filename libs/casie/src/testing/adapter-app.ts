import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@contingency/config';
import { MessagingRuntime } from '@contingency/messaging';
import { createServiceApp } from '@contingency/platform';
import { CasieModule } from '../casie.module';
import type { CasieModuleOptions } from '../casie.options';

/**
 * The casie-adapter in this process (distributed mode: real Kafka, real PostgreSQL) with the given
 * delivery policy; resolves once its consumer owns its partitions, so orders published next are seen.
 */
export async function startAdapterApp(args: {
  databaseUrl: string;
  groupPrefix: string;
  casie: CasieModuleOptions;
  extraModules?: Parameters<typeof createServiceApp>[0]['features'];
}): Promise<INestApplication> {
  const config = loadConfig(
    {
      ...process.env,
      CONTINGENCY_MODE: 'distributed',
      DATABASE_URL: args.databaseUrl,
      KAFKA_GROUP_PREFIX: args.groupPrefix,
      KAFKA_START_FROM: 'latest',
      DATABASE_MIGRATE: 'false',
    },
    { service: 'casie-adapter' },
  );
  const app = await createServiceApp(
    {
      service: 'casie-adapter',
      defaultPort: 0,
      features: (c) => [CasieModule.forRoot(args.casie), ...(args.extraModules?.(c) ?? [])],
    },
    config,
  );
  await app.init();
  await app.get(MessagingRuntime).ready();
  return app;
}
