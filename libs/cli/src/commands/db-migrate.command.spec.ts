import { runCli } from '../run-cli';
import { fakeCli } from '../testing/fake-deps';
import { dbMigrateCommand } from './db-migrate.command';

describe(dbMigrateCommand.name, () => {
  const DB_URL = 'postgres://app:secret@db:5432/ledger';

  it('migrates DATABASE_URL and names what it applied', async () => {
    const migrate = jest.fn().mockResolvedValue(['InitialLedger1764864000000']);
    const cli = fakeCli(undefined, { env: { DATABASE_URL: DB_URL }, migrate });
    expect(await runCli(['db', 'migrate'], cli.deps)).toBe(0);
    expect(migrate).toHaveBeenCalledWith(DB_URL);
    expect(cli.stdout()).toBe('applied: InitialLedger1764864000000\n');
    expect(cli.stdout() + cli.stderr()).not.toContain('secret');
  });

  it('says when there was nothing to do', async () => {
    const cli = fakeCli(undefined, { env: { DATABASE_URL: DB_URL }, migrate: () => Promise.resolve([]) });
    await runCli(['db', 'migrate'], cli.deps);
    expect(cli.stdout()).toBe('ledger is up to date: nothing to apply\n');
  });

  it.each([[{}], [{ DATABASE_URL: 'mysql://db/x' }]])(
    'a missing or wrong DATABASE_URL is a usage error (%j)',
    async (env) => {
      const migrate = jest.fn();
      const cli = fakeCli(undefined, { env, migrate });
      expect(await runCli(['db', 'migrate'], cli.deps)).toBe(2);
      expect(cli.stderr()).toMatch(/^error: DATABASE_URL is not/);
      expect(migrate).not.toHaveBeenCalled();
    },
  );

  it('a migration failure is exit 1 with its message', async () => {
    const cli = fakeCli(undefined, {
      env: { DATABASE_URL: DB_URL },
      migrate: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')),
    });
    expect(await runCli(['db', 'migrate'], cli.deps)).toBe(1);
    expect(cli.stderr()).toBe('error: connect ECONNREFUSED 10.0.0.5:5432\n');
  });
});
