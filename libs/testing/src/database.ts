import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createLedgerDataSource, runMigrations } from '@contingency/ledger';

/** The server the integration tests use; the global setup exports it (or the caller gave one). */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through `npm test`');
  return url;
}

/** A fresh, migrated database of its own for one test file, dropped by `drop()`. */
export async function createTestDatabase(label = 'test'): Promise<{
  url: string;
  dataSource: DataSource;
  drop: () => Promise<void>;
}> {
  const server = new URL(testServerUrl());
  const name = `ct_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(server);
  url.pathname = `/${name}`;
  const dataSource = createLedgerDataSource({ url: url.toString(), poolSize: 5 });
  await dataSource.initialize();
  await runMigrations(dataSource);

  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const c = new Client({ connectionString: server.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
