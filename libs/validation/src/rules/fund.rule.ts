import type { FundStatus, Provider, Route } from '@contingency/contracts';
import { isActiveCurrency } from './currencies';
import { type Checked, fail, issue, pass, type RuleIssue } from './issue';
import { isValidTimeZone, parseTimeOfDay } from './zoned-time';

/** A fund master entry, as much of it as validation and routing need. */
export interface FundRef {
  isin: string;
  name: string;
  provider: Provider;
  currency: string;
  /** 'HH:MM' in `timezone` ('HH:MM:00', as a PostgreSQL time column reads, is accepted too). */
  cutoffTime: string;
  /** IANA name, e.g. Europe/Dublin. */
  timezone: string;
  primaryRoute: Route;
  alternateRoute: 'CALASTONE' | null;
  status: FundStatus;
}

/** The fund must be in the fund master, OPEN, and its entry usable for the date and currency rules. */
export function checkFund(isin: string, fund: FundRef | undefined): Checked<FundRef> {
  if (!fund) {
    return fail(
      issue(
        'FUND_NOT_FOUND',
        `fund_isin ${isin} is not in the fund master: check the ISIN, or ask an admin to add the fund to the fund master`,
      ),
    );
  }
  const issues: RuleIssue[] = [];
  if (fund.status !== 'OPEN') {
    issues.push(
      issue(
        'FUND_CLOSED',
        `fund ${fund.isin} (${fund.name}) is ${fund.status} for dealing: remove the row, or ask an admin if the fund master is out of date`,
      ),
    );
  }
  const broken = brokenReferenceFields(fund);
  if (broken.length > 0) {
    issues.push(
      issue(
        'FUND_REFERENCE_INVALID',
        `the fund master entry of ${fund.isin} has an invalid ${broken.join(', ')}: ask an admin to correct the fund master, then upload again`,
      ),
    );
  }
  return issues.length > 0 ? fail(...issues) : pass(fund);
}

/** Where a valid order goes first: the fund's primary route. Failing over is the adapters' business. */
export function decideRoute(fund: Pick<FundRef, 'primaryRoute'>): Route {
  return fund.primaryRoute;
}

function brokenReferenceFields(fund: FundRef): string[] {
  const broken: string[] = [];
  if (!isActiveCurrency(fund.currency)) broken.push(`currency '${fund.currency}'`);
  if (!parseTimeOfDay(fund.cutoffTime)) broken.push(`cutoff_time '${fund.cutoffTime}'`);
  if (!isValidTimeZone(fund.timezone)) broken.push(`timezone '${fund.timezone}'`);
  return broken;
}
