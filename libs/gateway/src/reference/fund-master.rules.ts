import type { NewFund } from '@contingency/ledger';
import { rowError, type FundMasterCode, type FundMasterRowError } from './fund-master.codes';
import type { FundMasterCells, FundMasterRecord } from './fund-master.parser';
import { isActiveCurrency, isinCheckDigit, isValidIsin } from './trade-rules';

export interface ValidatedFundMaster {
  funds: NewFund[];
  errors: FundMasterRowError[];
}

export const MAX_FUND_NAME_CHARS = 200;

type Problem = [FundMasterCode, string];
type Checked<T> = { value: T } | { problem: Problem };

/** Judges every row (every problem of every row, not just the first) and normalises the valid ones. */
export function validateFundMaster(records: readonly FundMasterRecord[]): ValidatedFundMaster {
  const funds: NewFund[] = [];
  const errors: FundMasterRowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of records) {
    const checked = checkFund(cells);
    const problems = 'problems' in checked ? checked.problems : [];
    // The first row of an ISIN is judged on its own; every later one is a duplicate of it.
    const isin = cells.isin.toUpperCase();
    const first = firstRowOf.get(isin);
    if (first !== undefined) {
      problems.unshift(['ISIN_DUPLICATE', `isin ${isin} is already on row ${first}: list each fund once`]);
    } else if (isin !== '') {
      firstRowOf.set(isin, row);
    }
    if ('fund' in checked && problems.length === 0) funds.push(checked.fund);
    errors.push(...problems.map(([code, message]) => rowError(row, code, message)));
  }
  return { funds, errors };
}

/** One row on its own: the normalised fund, or every problem it has. */
export function checkFund(cells: FundMasterCells): { fund: NewFund } | { problems: Problem[] } {
  const isin = checkIsin(cells.isin);
  const name = checkName(cells.name);
  const provider = checkEnum(cells.provider, 'provider', ['GS', 'NON_GS'] as const);
  const currency = checkCurrency(cells.currency);
  const cutoffTime = checkCutoff(cells.cutoff_time);
  const timezone = checkTimezone(cells.timezone);
  const primaryRoute = checkEnum(cells.primary_route, 'primary_route', ['CASIE', 'CALASTONE'] as const);
  const status = checkEnum(cells.status, 'status', ['OPEN', 'CLOSED'] as const);
  const alternateRoute = checkAlternate(
    cells.alternate_route,
    'value' in primaryRoute ? primaryRoute.value : undefined,
    'value' in provider ? provider.value : undefined,
  );
  const all = [isin, name, provider, currency, cutoffTime, timezone, primaryRoute, alternateRoute, status];
  const problems = all.flatMap((c) => ('problem' in c ? [c.problem] : []));
  if (problems.length > 0) return { problems };
  return {
    fund: {
      isin: valueOf(isin),
      name: valueOf(name),
      provider: valueOf(provider),
      currency: valueOf(currency),
      cutoffTime: valueOf(cutoffTime),
      timezone: valueOf(timezone),
      primaryRoute: valueOf(primaryRoute),
      alternateRoute: valueOf(alternateRoute),
      status: valueOf(status),
    },
  };
}

export function checkIsin(cell: string): Checked<string> {
  const isin = cell.toUpperCase();
  if (isin === '') return problem('ISIN_REQUIRED', 'isin is empty: give the fund its 12-character ISIN');
  if (!/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(isin)) {
    return problem(
      'ISIN_FORMAT',
      `isin ${show(cell)} is not an ISIN: 2 letters, 9 letters or digits and a check digit, such as IE00B4L5Y983`,
    );
  }
  if (!isValidIsin(isin)) {
    return problem(
      'ISIN_CHECK_DIGIT',
      `isin ${isin} has a wrong check digit (expected ${isin.slice(0, 11)}${isinCheckDigit(isin.slice(0, 11))} ` +
        'if the first 11 characters are right): look for a mistyped character',
    );
  }
  return { value: isin };
}

function checkName(cell: string): Checked<string> {
  if (cell === '') return problem('NAME_REQUIRED', 'name is empty: give the fund its name');
  if ([...cell].length > MAX_FUND_NAME_CHARS) {
    return problem('NAME_TOO_LONG', `name is longer than ${MAX_FUND_NAME_CHARS} characters: shorten it`);
  }
  return { value: cell };
}

const CODES = {
  provider: ['PROVIDER_REQUIRED', 'PROVIDER_INVALID'],
  primary_route: ['PRIMARY_ROUTE_REQUIRED', 'PRIMARY_ROUTE_INVALID'],
  status: ['STATUS_REQUIRED', 'STATUS_INVALID'],
} as const satisfies Record<string, readonly [FundMasterCode, FundMasterCode]>;

function checkEnum<T extends string>(
  cell: string,
  column: keyof typeof CODES,
  allowed: readonly T[],
): Checked<T> {
  const [required, invalid] = CODES[column];
  const choices = allowed.join(' or ');
  if (cell === '') return problem(required, `${column} is empty: write ${choices}`);
  const value = allowed.find((a) => a === cell.toUpperCase());
  return value === undefined
    ? problem(invalid, `${column} ${show(cell)} is not one of ${allowed.join(', ')}: write ${choices}`)
    : { value };
}

function checkCurrency(cell: string): Checked<string> {
  if (cell === '')
    return problem('CURRENCY_REQUIRED', 'currency is empty: write the ISO 4217 code, such as EUR');
  const code = cell.toUpperCase();
  return isActiveCurrency(code)
    ? { value: code }
    : problem(
        'CURRENCY_UNKNOWN',
        `currency ${show(cell)} is not an active ISO 4217 code, such as EUR, USD or GBP`,
      );
}

function checkCutoff(cell: string): Checked<string> {
  if (cell === '') {
    return problem('CUTOFF_TIME_REQUIRED', "cutoff_time is empty: write the fund's dealing cut-off as HH:MM");
  }
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(cell)
    ? { value: cell }
    : problem(
        'CUTOFF_TIME_FORMAT',
        `cutoff_time ${show(cell)} is not a time of day as HH:MM from 00:00 to 23:59, such as 12:00 or 09:30`,
      );
}

/** An IANA zone name the runtime knows; stored with the canonical case (europe/london → Europe/London). */
export function checkTimezone(cell: string): Checked<string> {
  if (cell === '') {
    return problem(
      'TIMEZONE_REQUIRED',
      "timezone is empty: write the fund's IANA time zone, such as Europe/Dublin",
    );
  }
  const unknown = problem(
    'TIMEZONE_UNKNOWN',
    `timezone ${show(cell)} is not an IANA time zone name, such as Europe/London, Europe/Luxembourg or America/New_York`,
  );
  // Offsets such as +01:00 are accepted by Intl but have no daylight-saving rules: a fund needs a zone.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(cell)) return unknown;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: cell }).resolvedOptions().timeZone;
  } catch {
    return unknown;
  }
  return { value: resolved.toLowerCase() === cell.toLowerCase() ? resolved : cell };
}

function checkAlternate(
  cell: string,
  primary: 'CASIE' | 'CALASTONE' | undefined,
  provider: 'GS' | 'NON_GS' | undefined,
): Checked<'CALASTONE' | null> {
  if (cell === '') return { value: null };
  if (cell.toUpperCase() !== 'CALASTONE') {
    return problem(
      'ALTERNATE_ROUTE_INVALID',
      `alternate_route ${show(cell)} is not allowed: write CALASTONE, or leave it empty for no alternate route`,
    );
  }
  if (provider === 'GS') {
    return problem(
      'ALTERNATE_ROUTE_NOT_FOR_GS',
      'alternate_route must be empty for a GS fund: GS funds go to Casie only and wait while it is down',
    );
  }
  if (primary === 'CALASTONE') {
    return problem(
      'ALTERNATE_ROUTE_SAME_AS_PRIMARY',
      'alternate_route CALASTONE is already the primary route: leave alternate_route empty',
    );
  }
  return { value: 'CALASTONE' };
}

function problem(code: FundMasterCode, message: string): { problem: Problem } {
  return { problem: [code, message] };
}

function valueOf<T>(checked: Checked<T>): T {
  if ('value' in checked) return checked.value;
  throw new Error(`unreachable: ${checked.problem[0]} after the problems were counted`);
}

function show(value: string, max = 40): string {
  const chars = [...value];
  return `'${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value}'`;
}
