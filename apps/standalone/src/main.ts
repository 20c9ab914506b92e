import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@contingency/config';
import { seedSampleFundsIfEmpty, setupOpenApi } from '@contingency/gateway';
import { AppLogger } from '@contingency/observability';
import { createServiceApp, startEmbeddedDatabase } from '@contingency/platform';
import { sandboxAdminKey, standaloneFeatures } from '@contingency/standalone';

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
  const admin = sandboxAdminKey(config.dataDir, config.bootstrapAdminKey);
  const casieUrl = config.casieUrl ?? `http://127.0.0.1:${config.http.port}/sim/casie`;

  const app = await createServiceApp(
    {
      service: config.service,
      defaultPort: config.http.port,
      features: () => standaloneFeatures(config, { casieUrl, bootstrapAdminKey: admin.key }),
      configure: (nest) => setupOpenApi(nest),
    },
    config,
    database.url,
    { shutdownHooks: false },
  );
  (app as NestExpressApplication).useStaticAssets(join(__dirname, '..', '..', 'web', 'public'));
  await seedSampleFundsIfEmpty(app.get(DataSource));
  await app.listen(config.http.port, config.http.host);

  const logger = app.get(AppLogger);
  logger.log(
    `Mosaic Contingency (standalone) on http://localhost:${config.http.port}, data in ${config.dataDir}`,
    'standalone',
  );
  if (admin.file) logger.log(`sandbox admin API key: ${admin.file} (use it as a Bearer token)`, 'standalone');

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
