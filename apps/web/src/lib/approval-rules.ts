import type { Batch, Me } from '../api/types';

export type DecisionAvailability =
  { show: true } | { show: false; reason: 'not-approver' | 'own-upload' | 'not-awaiting' | 'signed-out' };

/**
 * Whether the approve/reject buttons appear. Four eyes: an approver who did not upload the batch, while
 * it awaits approval. The server enforces the same rules; this only keeps impossible buttons away.
 */
export function decisionAvailability(
  me: Me | undefined,
  batch: Pick<Batch, 'uploadedBy' | 'status'>,
): DecisionAvailability {
  if (!me) return { show: false, reason: 'signed-out' };
  if (!me.roles.includes('approver')) return { show: false, reason: 'not-approver' };
  if (me.principal === batch.uploadedBy) return { show: false, reason: 'own-upload' };
  if (batch.status !== 'AWAITING_APPROVAL') return { show: false, reason: 'not-awaiting' };
  return { show: true };
}

export function decisionHint(availability: DecisionAvailability): string | undefined {
  if (availability.show) return undefined;
  switch (availability.reason) {
    case 'own-upload':
      return 'You uploaded this batch: a second person with the approver role must approve or reject it.';
    case 'not-approver':
      return 'Approving needs the approver role.';
    case 'not-awaiting':
    case 'signed-out':
      return undefined;
  }
}
