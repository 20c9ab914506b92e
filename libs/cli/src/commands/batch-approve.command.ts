import { batchDecisionCommand } from './batch-decision';

export const batchApproveCommand = batchDecisionCommand(
  'approve',
  'Approve a batch: release its valid trades to their routes (approver)',
);
