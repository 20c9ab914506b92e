import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FundStatus, Provider, Route } from '@contingency/contracts';
import { FundEntity } from './entities/fund.entity';
import { chunk, queryRows, requireTransaction, valuesList } from './sql';

export interface NewFund {
  isin: string;
  name: string;
  provider: Provider;
  currency: string;
  /** HH:MM (or HH:MM:SS) in the fund's time zone. */
  cutoffTime: string;
  timezone: string;
  primaryRoute: Route;
  alternateRoute: 'CALASTONE' | null;
  status: FundStatus;
}

const COLUMNS =
  '(isin, name, provider, currency, cutoff_time, timezone, primary_route, alternate_route, status)';
const TEMPLATES = ['?', '?', '?', '?', '?::time', '?', '?', '?', '?'];

/** The fund reference data, replaced as a whole by each load of the fund master file. */
@Injectable()
export class FundMaster {
  /** Atomic within the caller's transaction: readers see the old list or the new one, never a mix. */
  async replaceAll(tx: EntityManager, funds: readonly NewFund[]): Promise<number> {
    requireTransaction(tx, 'FundMaster.replaceAll');
    await queryRows(tx, 'DELETE FROM funds');
    for (const part of chunk(funds)) {
      await queryRows(
        tx,
        `INSERT INTO funds ${COLUMNS} VALUES ${valuesList(part.length, TEMPLATES)}`,
        part.flatMap((f) => [
          f.isin,
          f.name,
          f.provider,
          f.currency,
          f.cutoffTime,
          f.timezone,
          f.primaryRoute,
          f.alternateRoute,
          f.status,
        ]),
      );
    }
    return funds.length;
  }

  find(manager: EntityManager, isin: string): Promise<FundEntity | null> {
    return manager.findOneBy(FundEntity, { isin });
  }

  list(manager: EntityManager): Promise<FundEntity[]> {
    return manager.find(FundEntity, { order: { isin: 'ASC' } });
  }
}
