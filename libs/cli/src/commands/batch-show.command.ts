import { ApiClient } from '../api-client';
import { BatchAnswer } from '../api-schemas';
import { EXIT_OK } from '../cli.error';
import type { Command } from '../command';
import { formatBatch } from '../format/batch-summary';

export const batchShowCommand: Command = {
  name: 'batch show',
  args: ['ID'],
  summary: 'Show a batch: status, who uploaded and decided it, its trades counted by status',
  options: { json: { type: 'boolean', description: 'print the API answer as JSON' } },
  async run({ args: [id], options, deps }) {
    const batch = await ApiClient.fromEnv(deps).json(
      'GET',
      `/batches/${encodeURIComponent(id)}`,
      BatchAnswer,
    );
    deps.stdout(options.json ? `${JSON.stringify(batch, null, 2)}\n` : formatBatch(batch));
    return EXIT_OK;
  },
};
