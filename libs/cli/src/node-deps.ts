import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CliDeps } from './cli-deps';

/** The real process: its environment, stdio, files, network and the ledger database. */
export function nodeDeps(): CliDeps {
  return {
    env: process.env,
    fetch: globalThis.fetch,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFile(path),
    openAsBlob: (path) => openAsBlob(path),
    sleep: (ms) => sleep(ms),
    migrate: async (url) => {
      // Loaded on demand: the ledger (TypeORM, pg) would slow every other command's start.
      const { createLedgerDataSource, runMigrations } = await import('@contingency/ledger');
      const dataSource = createLedgerDataSource({ url, poolSize: 1, applicationName: 'contingency-cli' });
      await dataSource.initialize();
      try {
        return await runMigrations(dataSource);
      } finally {
        await dataSource.destroy();
      }
    },
  };
}
