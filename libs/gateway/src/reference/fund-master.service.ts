import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, FundMaster } from '@contingency/ledger';
import { ApiError } from '../http/api-error';
import type { FundMasterRowError } from './fund-master.codes';
import { FundMasterFileError } from './fund-master-file.error';
import { lockFundMaster } from './fund-master.lock';
import { toFundView, type FundView } from './fund.view';
import { loadFundMaster } from './load-fund-master';

// Enough to fix a file in one go; a file with more errors is usually the wrong file.
export const MAX_REPORTED_ERRORS = 1_000;

export interface Requester {
  actor: string;
  sourceIp?: string;
}

/** Loads the fund master file: all of it, atomically, or nothing with every row error. */
@Injectable()
export class FundMasterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funds: FundMaster,
    private readonly audit: AuditLog,
  ) {}

  async replace(csv: Uint8Array, by: Requester): Promise<number> {
    const loaded = readOrRefuse(csv);
    if (!loaded.ok) throw invalidFundMaster(loaded.errors);
    return this.dataSource.transaction(async (tx) => {
      await lockFundMaster(tx);
      const count = await this.funds.replaceAll(tx, loaded.funds);
      await this.audit.record(tx, {
        actor: by.actor,
        action: 'FUND_MASTER_REPLACED',
        outcome: 'SUCCESS',
        targetType: 'fund-master',
        sourceIp: by.sourceIp,
        details: { count },
      });
      return count;
    });
  }

  async list(): Promise<FundView[]> {
    return (await this.funds.list(this.dataSource.manager)).map(toFundView);
  }
}

function readOrRefuse(csv: Uint8Array): ReturnType<typeof loadFundMaster> {
  try {
    return loadFundMaster(csv);
  } catch (error) {
    if (error instanceof FundMasterFileError) throw new ApiError(error.httpStatus, error.code, error.message);
    throw error;
  }
}

function invalidFundMaster(errors: FundMasterRowError[]): ApiError {
  const rows = [...new Set(errors.map((e) => e.row))];
  const shown = rows.slice(0, 10).join(', ') + (rows.length > 10 ? `, … (${rows.length} rows)` : '');
  return new ApiError(
    422,
    'INVALID_FUND_MASTER',
    `The fund master has ${errors.length} error(s) in row(s) ${shown}; nothing was changed. ` +
      'Fix every listed row and load the whole file again.',
    { errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length },
  );
}
