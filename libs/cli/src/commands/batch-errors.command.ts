import { ApiClient } from '../api-client';
import { RowErrorAnswer } from '../api-schemas';
import { EXIT_OK } from '../cli.error';
import type { Command } from '../command';
import { formatRowErrors } from '../format/row-errors';

export const batchErrorsCommand: Command = {
  name: 'batch errors',
  args: ['ID'],
  summary: "List a batch's row errors (row, column, code, message)",
  options: {
    csv: { type: 'boolean', description: 'print the CSV download (formula cells neutralised) instead' },
    json: { type: 'boolean', description: 'print the API answer as JSON' },
  },
  async run({ args: [id], options, deps }) {
    const api = ApiClient.fromEnv(deps);
    const path = `/batches/${encodeURIComponent(id)}/errors`;
    if (options.csv) {
      deps.stdout(await api.text('GET', path, { query: { format: 'csv' } }));
      return EXIT_OK;
    }
    const errors = await api.json('GET', path, RowErrorAnswer.array());
    if (options.json) deps.stdout(`${JSON.stringify(errors, null, 2)}\n`);
    else deps.stdout(errors.length === 0 ? 'no row errors\n' : formatRowErrors(errors));
    return EXIT_OK;
  },
};
