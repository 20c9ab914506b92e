import type { NewFund } from '@contingency/ledger';
import type { FundMasterRowError } from './fund-master.codes';
import { parseFundMasterCsv } from './fund-master.parser';
import { validateFundMaster } from './fund-master.rules';

export type LoadedFundMaster = { ok: true; funds: NewFund[] } | { ok: false; errors: FundMasterRowError[] };

/**
 * A fund master file judged as a whole: every fund, or every row error (in row order). A file that
 * cannot be read at all throws FundMasterFileError.
 */
export function loadFundMaster(bytes: Uint8Array): LoadedFundMaster {
  const parsed = parseFundMasterCsv(bytes);
  const validated = validateFundMaster(parsed.records);
  const errors = [...parsed.errors, ...validated.errors].sort((a, b) => a.row - b.row);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, funds: validated.funds };
}
