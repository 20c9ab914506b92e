import { EXIT_OK, UsageError } from '../cli.error';
import type { Command } from '../command';

export const dbMigrateCommand: Command = {
  name: 'db migrate',
  args: [],
  summary:
    'Apply the pending ledger migrations to DATABASE_URL (for deployments with DATABASE_MIGRATE=false)',
  details: [
    'Safe to run from several places at once: an advisory lock lets one migrate while the others wait.',
  ],
  async run({ deps }) {
    const url = deps.env.DATABASE_URL?.trim();
    if (!url)
      throw new UsageError(
        'DATABASE_URL is not set: export the ledger database URL (postgres://user:pass@host:5432/db)',
      );
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new UsageError('DATABASE_URL is not a postgres:// URL (postgres://user:pass@host:5432/db)');
    }
    const applied = await deps.migrate(url);
    deps.stdout(
      applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'ledger is up to date: nothing to apply\n',
    );
    return EXIT_OK;
  },
};
