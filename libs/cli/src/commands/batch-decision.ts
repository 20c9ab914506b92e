import { ApiClient } from '../api-client';
import { BatchAnswer } from '../api-schemas';
import { EXIT_OK } from '../cli.error';
import { stringOption, type Command } from '../command';

/** approve and reject: the same call but for the verb (four eyes: never the uploader). */
export function batchDecisionCommand(decision: 'approve' | 'reject', summary: string): Command {
  return {
    name: `batch ${decision}`,
    args: ['ID'],
    summary,
    details: ['Needs the approver role; the uploader of a batch can never decide it (four eyes).'],
    options: {
      comment: { type: 'string', valueName: 'C', description: 'a comment recorded with the decision' },
    },
    async run({ args: [id], options, deps }) {
      const comment = stringOption(options, 'comment');
      const batch = await ApiClient.fromEnv(deps).json(
        'POST',
        `/batches/${encodeURIComponent(id)}/${decision}`,
        BatchAnswer,
        { json: comment === undefined ? {} : { comment } },
      );
      deps.stdout(
        `batch ${batch.id} ${decision === 'approve' ? 'approved' : 'rejected'}: now ${batch.status}\n`,
      );
      return EXIT_OK;
    },
  };
}
