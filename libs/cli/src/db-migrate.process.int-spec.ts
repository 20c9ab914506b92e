import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT, testServerUrl } from '@contingency/testing';

const CLI = join(REPO_ROOT, 'dist/apps/cli/src/main.js');

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// `npm run db:migrate` for deployments with DATABASE_MIGRATE=false: the compiled CLI on an empty database.
describe('cli db migrate (process)', () => {
  const name = `ct_cli_migrate_${randomBytes(4).toString('hex')}`;
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;

  beforeAll(() => admin((c) => c.query(`CREATE DATABASE ${name}`)));
  afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));

  it('applies the migrations once, then finds nothing to do', async () => {
    const first = await cli(['db', 'migrate'], { DATABASE_URL: url.toString() });
    expect(first).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^applied: \w+/) });

    const second = await cli(['db', 'migrate'], { DATABASE_URL: url.toString() });
    expect(second).toEqual({ code: 0, stderr: '', stdout: 'ledger is up to date: nothing to apply\n' });

    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    const tables = await client
      .query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'funds'`)
      .finally(() => client.end());
    expect(tables.rows).toEqual([{ n: '1' }]);
  });

  it('an unreachable database is exit 1 with one error line', async () => {
    const run = await cli(['db', 'migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*ECONNREFUSED.*\n$/);
  });
});
