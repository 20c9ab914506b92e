import { z } from 'zod';
import type { AuditLogEntity } from '@contingency/ledger';

/** One audit entry: who did what to which object, when, from where, and whether it was allowed. */
export const AuditEntryView = z.object({
  id: z.string().describe('increasing with time'),
  at: z.string().describe('ISO 8601 timestamp, UTC'),
  actor: z.string(),
  action: z.string(),
  outcome: z.enum(['SUCCESS', 'DENIED', 'FAILED']).describe('DENIED: refused by a rule'),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  correlationId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditPage = z.object({
  items: z.array(AuditEntryView).describe('newest first'),
  nextCursor: z.string().optional().describe('absent on the last page'),
});
export type AuditPage = z.infer<typeof AuditPage>;

export function toAuditEntryView(e: AuditLogEntity): AuditEntryView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    outcome: e.outcome,
    targetType: e.targetType,
    targetId: e.targetId,
    sourceIp: e.sourceIp,
    userAgent: e.userAgent,
    correlationId: e.correlationId,
    details: e.details,
  };
}
