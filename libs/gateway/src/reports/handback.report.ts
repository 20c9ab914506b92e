import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '@contingency/ledger';
import { HandbackReader } from './handback.reader';
import type { HandbackWindow } from './handback.query';
import type { HandbackRow } from './handback.row';

/** audit_log action of a hand-back download (targetType 'report'). */
export const HANDBACK_AUDIT_ACTION = 'HANDBACK_EXPORTED';

export interface HandbackRequest {
  actor: string;
  sourceIp?: string;
  format: 'csv' | 'json';
}

/** The hand-back report: a bulk export of trades, so every download is audited before its first byte. */
@Injectable()
export class HandbackReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: HandbackReader,
    private readonly audit: AuditLog,
  ) {}

  async export(window: HandbackWindow, request: HandbackRequest): Promise<AsyncIterable<HandbackRow[]>> {
    await this.audit.record(this.dataSource.manager, {
      actor: request.actor,
      action: HANDBACK_AUDIT_ACTION,
      outcome: 'SUCCESS',
      targetType: 'report',
      targetId: 'handback',
      sourceIp: request.sourceIp,
      details: { from: window.from.toISOString(), to: window.to.toISOString(), format: request.format },
    });
    return this.reader.pages(window);
  }
}

/** `handback-20261204T000000Z-20261205T000000Z.csv`: the window in the name, safe in any file system. */
export function handbackFileName(window: HandbackWindow): string {
  const stamp = (d: Date) =>
    d
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '');
  return `handback-${stamp(window.from)}-${stamp(window.to)}.csv`;
}
