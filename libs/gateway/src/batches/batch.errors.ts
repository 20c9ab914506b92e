import type { BatchStatus } from '@contingency/contracts';
import { ApiError } from '../http/api-error';

/** Four eyes: the uploader never decides their own batch, whichever credential they use. */
export class SelfApprovalError extends ApiError {
  constructor(batchId: string, decision: 'approve' | 'reject') {
    super(403, 'FOUR_EYES', `batch ${batchId} was uploaded by you: a second person must ${decision} it`);
  }
}

export class BatchNotAwaitingApprovalError extends ApiError {
  constructor(batchId: string, status: BatchStatus, decision: 'approve' | 'reject') {
    super(
      409,
      'BATCH_NOT_AWAITING_APPROVAL',
      `batch ${batchId} is ${status}: only a batch AWAITING_APPROVAL can be ${decision === 'approve' ? 'approved' : 'rejected'}` +
        (status === 'VALIDATING' ? '; wait until every row is validated' : ''),
      { status },
    );
  }
}
