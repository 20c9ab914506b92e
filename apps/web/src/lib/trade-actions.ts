import type { Me, Role, TradeStatus } from '../api/types';

export type TradeAction = 'cancel' | 'replay' | 'resolve';

// The gateway's rules (trades and replay controllers, the state machine), so that only possible actions show.
const RULES: Record<TradeAction, { roles: readonly Role[]; statuses: readonly TradeStatus[] }> = {
  cancel: { roles: ['operator', 'approver'], statuses: ['RECEIVED', 'VALID'] },
  replay: { roles: ['approver', 'sre'], statuses: ['DEAD_LETTERED'] },
  resolve: { roles: ['approver', 'sre'], statuses: ['OUTCOME_UNKNOWN'] },
};

export function allowedTradeActions(
  me: Pick<Me, 'roles'> | null | undefined,
  status: TradeStatus,
): TradeAction[] {
  if (!me) return [];
  return (Object.keys(RULES) as TradeAction[]).filter(
    (action) =>
      RULES[action].statuses.includes(status) && RULES[action].roles.some((r) => me.roles.includes(r)),
  );
}
