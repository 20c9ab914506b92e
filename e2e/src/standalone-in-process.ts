import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@contingency/config';
import { setupOpenApi } from '@contingency/gateway';
import { createServiceApp } from '@contingency/platform';
import { standaloneFeatures } from '@contingency/standalone';
import { createTestDatabase } from '@contingency/testing';

export interface InProcessStandalone {
  app: INestApplication;
  url: string;
  adminKey: string;
  stop(): Promise<void>;
}

/**
 * Standalone mode's composition (the feature list `npm start` runs) in this process, on the embedded bus
 * with ONE database connection as on PGlite, listening on a port of its own. PGlite itself cannot load
 * inside Jest's module sandbox, so the same SQL runs on a fresh database of the machine's PostgreSQL.
 */
export async function startStandaloneInProcess(
  label: string,
  {
    seed,
    consoleDir,
  }: {
    seed?: (dataSource: DataSource) => Promise<void>;
    /** A built console to serve at /, as `npm start` does. */
    consoleDir?: string;
  } = {},
): Promise<InProcessStandalone> {
  const port = 23_000 + Math.floor(Math.random() * 3_000);
  const adminKey = randomBytes(32).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), `contingency-${label}-`));
  const db = await createTestDatabase(label);
  await seed?.(db.dataSource);
  await db.dataSource.destroy();

  const config = loadConfig(
    { ...process.env, CONTINGENCY_MODE: 'standalone', PORT: String(port), DATA_DIR: dataDir },
    { service: 'standalone', defaultPort: port },
  );
  const app = await createServiceApp(
    {
      service: 'standalone',
      defaultPort: port,
      features: (c) =>
        standaloneFeatures(c, {
          casieUrl: `http://127.0.0.1:${port}/sim/casie`,
          bootstrapAdminKey: adminKey,
        }),
      configure: (nest) => setupOpenApi(nest),
    },
    config,
    db.url,
  );
  if (consoleDir) (app as NestExpressApplication).useStaticAssets(consoleDir);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    adminKey,
    stop: async () => {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
