import { ApiClient } from '../api-client';
import { FundListAnswer } from '../api-schemas';
import { EXIT_OK } from '../cli.error';
import type { Command } from '../command';
import { formatFunds } from '../format/fund-table';

export const fundsListCommand: Command = {
  name: 'funds list',
  args: [],
  summary: 'Show the fund master',
  options: { json: { type: 'boolean', description: 'print the API answer as JSON' } },
  async run({ options, deps }) {
    const { items } = await ApiClient.fromEnv(deps).json('GET', '/reference/funds', FundListAnswer);
    deps.stdout(options.json ? `${JSON.stringify({ items }, null, 2)}\n` : formatFunds(items));
    return EXIT_OK;
  },
};
