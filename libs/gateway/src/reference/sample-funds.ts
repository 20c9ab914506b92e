import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditLog, FundEntity, FundMaster, type NewFund } from '@contingency/ledger';
import { lockFundMaster } from './fund-master.lock';
import { loadFundMaster } from './load-fund-master';

const FILE = 'sample-funds.csv';

// Beside this file when run from source (tests) or when the build copies it; else the source tree,
// since the compiled file sits at dist/libs/gateway/src/reference.
const CANDIDATES = [
  join(__dirname, FILE),
  join(__dirname, '../../../../../libs/gateway/src/reference', FILE),
];

export function sampleFundsPath(): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found)
    throw new Error(`the sample fund master ${FILE} is missing (looked in ${CANDIDATES.join(', ')})`);
  return found;
}

/** The sample master of standalone mode and training, read through the same rules as any upload. */
export function readSampleFunds(path = sampleFundsPath()): NewFund[] {
  const loaded = loadFundMaster(readFileSync(path));
  if (!loaded.ok) {
    const first = loaded.errors[0];
    throw new Error(`${path} is invalid: row ${first.row} ${first.column}: ${first.message}`);
  }
  return loaded.funds;
}

/** Standalone start: load the sample master when there is none, so that a new sandbox can trade at once. */
export async function seedSampleFundsIfEmpty(dataSource: DataSource, actor = 'standalone'): Promise<number> {
  const funds = readSampleFunds();
  return dataSource.transaction(async (tx) => {
    await lockFundMaster(tx);
    if ((await tx.count(FundEntity)) > 0) return 0;
    const count = await new FundMaster().replaceAll(tx, funds);
    await new AuditLog().record(tx, {
      actor,
      action: 'FUND_MASTER_REPLACED',
      outcome: 'SUCCESS',
      targetType: 'fund-master',
      details: { count, source: FILE },
    });
    return count;
  });
}
