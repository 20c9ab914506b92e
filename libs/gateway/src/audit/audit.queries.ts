import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '@contingency/ledger';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import type { AuditListQuery } from './audit.query';

export interface AuditListPage {
  items: AuditLogEntity[];
  nextCursor?: string;
}

/** The audit trail for admins: filtered, newest first, keyset pages on the id (it grows with time). */
@Injectable()
export class AuditQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: AuditListQuery): Promise<AuditListPage> {
    const qb = this.dataSource.manager
      .createQueryBuilder(AuditLogEntity, 'a')
      .orderBy('a.id', 'DESC')
      .limit(query.limit + 1);
    if (query.actor) qb.andWhere('a.actor = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.targetType) qb.andWhere('a.target_type = :targetType', { targetType: query.targetType });
    if (query.targetId) qb.andWhere('a.target_id = :targetId', { targetId: query.targetId });
    if (query.outcome) qb.andWhere('a.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    if (query.cursor) {
      qb.andWhere('a.id < CAST(:before AS bigint)', { before: decodeAuditCursor(query.cursor) });
    }

    const rows = await qb.getMany();
    if (rows.length <= query.limit) return { items: rows };
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: encodeAuditCursor(items[items.length - 1].id) };
  }
}
