import { batchDecisionCommand } from './batch-decision';

export const batchRejectCommand = batchDecisionCommand(
  'reject',
  'Reject a batch: nothing is sent (approver)',
);
