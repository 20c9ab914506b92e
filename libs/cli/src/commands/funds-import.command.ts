import { ApiClient } from '../api-client';
import { FundsReplacedAnswer, RowErrorAnswer } from '../api-schemas';
import { ApiCallError, EXIT_OK } from '../cli.error';
import type { Command } from '../command';
import { formatRowErrors } from '../format/row-errors';
import { readLocalFile } from '../local-file';

export const fundsImportCommand: Command = {
  name: 'funds import',
  args: ['FILE'],
  summary: 'Replace the whole fund master with a fund master CSV (admin)',
  details: [
    'Every row is checked first. If any row is wrong nothing changes, and every row error is listed.',
    'The file format: docs/contracts/fund-master-v1.md.',
  ],
  async run({ args: [file], deps }) {
    const api = ApiClient.fromEnv(deps);
    const csv = await readLocalFile(deps, file);
    try {
      const { count } = await api.json('PUT', '/reference/funds', FundsReplacedAnswer, {
        body: new Uint8Array(csv), // a copy on its own ArrayBuffer, as fetch's BodyInit wants
        contentType: 'text/csv; charset=utf-8',
      });
      deps.stdout(`fund master replaced: ${count} fund${count === 1 ? '' : 's'} from ${file}\n`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof ApiCallError) printRowErrors(error, deps.stderr);
      throw error;
    }
  },
};

function printRowErrors(error: ApiCallError, print: (text: string) => void): void {
  const listed = RowErrorAnswer.array().safeParse(error.details?.errors);
  if (!listed.success || listed.data.length === 0) return;
  print(formatRowErrors(listed.data));
  const total = error.details?.errorCount;
  if (typeof total === 'number' && total > listed.data.length) {
    print(`… and ${total - listed.data.length} more\n`);
  }
}
