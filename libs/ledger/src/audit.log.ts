import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditOutcome } from './entities/audit-log.entity';
import { ambientAuditOrigin } from './audit-origin';
import { ambientCorrelationId } from './correlation';
import { json, queryRows } from './sql';

// A header the caller controls: kept, but bounded.
const MAX_USER_AGENT = 512;

export interface AuditEntry {
  actor: string;
  /** What was attempted, e.g. batch.approve, api-key.create, funds.replace. */
  action: string;
  /** SUCCESS; DENIED when a rule refused it (four eyes, wrong state); FAILED when it could not be done. */
  outcome: AuditOutcome;
  targetType?: string;
  targetId?: string;
  /** Defaults to the origin of the request being handled (withAuditOrigin), as does userAgent. */
  sourceIp?: string;
  userAgent?: string;
  correlationId?: string;
  details?: Record<string, unknown>;
}

/** Append-only record of who did what. A DENIED or FAILED entry may be written outside a transaction. */
@Injectable()
export class AuditLog {
  async record(tx: EntityManager, entry: AuditEntry): Promise<void> {
    const origin = ambientAuditOrigin();
    const userAgent = entry.userAgent ?? origin.userAgent;
    await queryRows(
      tx,
      `INSERT INTO audit_log (actor, action, outcome, target_type, target_id, source_ip, user_agent,
                              correlation_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        entry.actor,
        entry.action,
        entry.outcome,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.sourceIp ?? origin.sourceIp ?? null,
        userAgent?.slice(0, MAX_USER_AGENT) ?? null,
        entry.correlationId ?? ambientCorrelationId() ?? null,
        json(entry.details ?? {}),
      ],
    );
  }
}
