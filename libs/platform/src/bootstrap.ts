import 'reflect-metadata';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, describeConfig, loadConfigOrExit } from '@contingency/config';
import { AppLogger, OBSERVABILITY_ROUTES } from '@contingency/observability';
import { PlatformModule } from './platform.module';
import { securityHeaders } from './security-headers';

export interface ServiceDefinition {
  service: string;
  defaultPort: number;
  /** The feature modules this process runs, given the validated config. */
  features: (config: AppConfig) => Array<Type | DynamicModule>;
  /** Last touches on the app before it listens (OpenAPI, static files). */
  configure?: (app: INestApplication, config: AppConfig) => void | Promise<void>;
  /** Where forms may post besides this service (the IdP's SSO URL origin, for SAML POST binding). */
  formActionOrigins?: (config: AppConfig) => string[];
}

export interface RunningService {
  app: INestApplication;
  config: AppConfig;
  url: string;
}

/** Builds a service's Nest application on the platform; `databaseUrl` overrides the config's. */
export async function createServiceApp(
  definition: ServiceDefinition,
  config: AppConfig,
  databaseUrl?: string,
  { shutdownHooks = true }: { shutdownHooks?: boolean } = {},
): Promise<INestApplication> {
  const root: DynamicModule = {
    module: class ServiceRootModule {},
    imports: [PlatformModule.forRoot({ config, databaseUrl }), ...definition.features(config)],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.use(securityHeaders({ formActionOrigins: definition.formActionOrigins?.(config) }));
  // Behind the load balancer the client's address is in X-Forwarded-For: audit and rate limits need it.
  if (config.http.trustProxy !== undefined) app.set('trust proxy', config.http.trustProxy);
  app.setGlobalPrefix('api/v1', {
    exclude: [...OBSERVABILITY_ROUTES, 'sim/{*path}', 'auth/{*path}', 'dev-idp/{*path}'],
  });
  if (shutdownHooks) app.enableShutdownHooks();
  await definition.configure?.(app, config);
  return app;
}

/** The main() of a distributed service: validated config or a one-line exit, then listen. */
export async function runService(definition: ServiceDefinition): Promise<RunningService> {
  const config = loadConfigOrExit(process.env, {
    service: definition.service,
    defaultPort: definition.defaultPort,
  });
  const app = await createServiceApp(definition, config);
  await app.listen(config.http.port, config.http.host);
  const url = await app.getUrl();
  app.get(AppLogger).log(`${definition.service} listening on ${url}`, 'bootstrap');
  app.get(AppLogger).log({ message: 'configuration', config: describeConfig(config) }, 'bootstrap');
  return { app, config, url };
}
