import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditOutcome } from './entities/audit-log.entity';
import { ambientCorrelationId } from './correlation';
import { json, queryRows } from './sql';

export interface AuditEntry {
  actor: string;
  /** What was attempted, e.g. batch.approve, api-key.create, funds.replace. */
  action: string;
  outcome: AuditOutcome;
  targetType?: string;
  targetId?: string;
  sourceIp?: string;
  correlationId?: string;
  details?: Record<string, unknown>;
}

/** Append-only record of who did what. A DENIED or FAILED entry may be written outside a transaction. */
@Injectable()
export class AuditLog {
  async record(tx: EntityManager, entry: AuditEntry): Promise<void> {
    await queryRows(
      tx,
      `INSERT INTO audit_log (actor, action, outcome, target_type, target_id, source_ip, correlation_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        entry.actor,
        entry.action,
        entry.outcome,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.sourceIp ?? null,
        entry.correlationId ?? ambientCorrelationId() ?? null,
        json(entry.details ?? {}),
      ],
    );
  }
}
