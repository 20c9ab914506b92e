import type { INestApplication } from '@nestjs/common';
import { type ServiceDefinition, startInProcessService } from '@contingency/platform';
import { CasieModule } from '../casie.module';
import type { CasieModuleOptions } from '../casie.options';

/** The casie-adapter in this process (real Kafka, real PostgreSQL) with the given delivery policy. */
export function startAdapterApp(args: {
  databaseUrl: string;
  groupPrefix: string;
  casie: CasieModuleOptions;
  extraModules?: ServiceDefinition['features'];
}): Promise<INestApplication> {
  return startInProcessService({
    service: 'casie-adapter',
    databaseUrl: args.databaseUrl,
    groupPrefix: args.groupPrefix,
    features: (c) => [CasieModule.forRoot(args.casie), ...(args.extraModules?.(c) ?? [])],
  });
}
