import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AcksModule } from '@contingency/acks';
import { CalastoneModule } from '@contingency/calastone';
import { CasieModule } from '@contingency/casie';
import { loadConfigOrExit } from '@contingency/config';
import { GatewayModule, setupOpenApi } from '@contingency/gateway';
import { AppLogger } from '@contingency/observability';
import { createServiceApp, startEmbeddedDatabase } from '@contingency/platform';
import { SimulatorsModule } from '@contingency/simulators';
import { ValidationModule } from '@contingency/validation';

/**
 * Standalone mode, also the training sandbox: every service, the simulators and the console in one
 * process, on an embedded PostgreSQL and the embedded bus, everything it writes under DATA_DIR.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(
    { ...process.env, CONTINGENCY_MODE: 'standalone' },
    { service: 'standalone', defaultPort: 8080 },
  );
  const database = await startEmbeddedDatabase(config.dataDir);
  const casieUrl = config.casieUrl ?? `http://127.0.0.1:${config.http.port}/sim/casie`;

  const app = await createServiceApp(
    {
      service: config.service,
      defaultPort: config.http.port,
      features: () => [
        GatewayModule,
        ValidationModule,
        CasieModule.forRoot({ baseUrl: casieUrl, timeoutMs: 10_000 }),
        CalastoneModule,
        AcksModule,
        SimulatorsModule,
      ],
      configure: (app) => setupOpenApi(app),
    },
    config,
    database.url,
    { shutdownHooks: false },
  );
  (app as NestExpressApplication).useStaticAssets(join(__dirname, '..', '..', 'web', 'public'));
  await app.listen(config.http.port, config.http.host);
  const logger = app.get(AppLogger);
  logger.log(
    `Mosaic Contingency (standalone) on http://localhost:${config.http.port}, data in ${config.dataDir}`,
    'standalone',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`, 'standalone');
    await app.close();
    await database.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));
}

void main();
