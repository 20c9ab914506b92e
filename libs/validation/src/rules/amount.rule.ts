import { minorUnitsOf } from './currencies';
import { checkCurrency } from './currency.rule';
import { parsePlainDecimal } from './decimal';
import { type Checked, fail, issue, issuesOf, pass, type RuleIssue, show } from './issue';

export const MAX_UNITS_DECIMALS = 6;
// setr.010/setr.004 amounts and unit quantities allow 18 digits in all (XSD totalDigits).
export const MAX_TOTAL_DIGITS = 18;

export interface QuantityCells {
  amount: string;
  units: string;
  currency: string;
}

/** Canonical decimal strings; exactly one of amount and units is set on success. */
export interface Quantity {
  amount: string | null;
  units: string | null;
  currency: string | null;
}

/** Amount or units, and the currency that goes with them, against the fund's currency when it is known. */
export function checkQuantity(cells: QuantityCells, fundCurrency: string | undefined): Checked<Quantity> {
  const amountText = cells.amount.trim();
  const unitsText = cells.units.trim();
  const currency = checkCurrency(cells.currency, fundCurrency);
  const currencyCode = currency.ok ? currency.value : undefined;
  const issues: RuleIssue[] = [...issuesOf(currency)];

  if (amountText === '' && unitsText === '') {
    issues.push(
      issue(
        'AMOUNT_OR_UNITS_REQUIRED',
        'neither amount nor units is given: fill amount (with currency) for a cash order, or units for a unit order',
      ),
    );
  }
  if (amountText !== '' && unitsText !== '') {
    issues.push(
      issue(
        'AMOUNT_AND_UNITS',
        'both amount and units are given: keep only one, amount for a cash order or units for a unit order',
      ),
    );
  }

  // Decimals follow the currency the order will be dealt in: the fund's, else the one written.
  const dealingCurrency =
    fundCurrency && minorUnitsOf(fundCurrency) !== undefined ? fundCurrency : currencyCode;
  const amount = amountText === '' ? null : checkAmount(amountText, dealingCurrency ?? undefined);
  const units = unitsText === '' ? null : checkUnits(unitsText);
  if (amount) issues.push(...issuesOf(amount));
  if (units) issues.push(...issuesOf(units));

  if (amountText !== '' && currency.ok && currencyCode === null) {
    issues.push(
      issue(
        'CURRENCY_REQUIRED',
        `amount is given without currency: fill currency with ${fundCurrency ? `the fund's currency ${fundCurrency}` : "the fund's currency code"}`,
      ),
    );
  }
  if (currencyCode && fundCurrency && currencyCode !== fundCurrency) {
    const fix =
      amountText === ''
        ? `leave currency empty for a units order, or write ${fundCurrency}`
        : `give the amount in ${fundCurrency}, or give units instead`;
    issues.push(
      issue(
        'CURRENCY_MISMATCH',
        `currency ${currencyCode} is not the fund's currency ${fundCurrency}: ${fix}`,
      ),
    );
  }

  if (issues.length > 0) return fail(...issues);
  return pass({
    amount: amount?.ok ? amount.value : null,
    units: units?.ok ? units.value : null,
    currency: currencyCode ?? null,
  });
}

function checkAmount(text: string, currency: string | undefined): Checked<string> {
  const parsed = parsePlainDecimal(text);
  if (!parsed.ok)
    return fail(
      issue(parsed.negative ? 'AMOUNT_NOT_POSITIVE' : 'AMOUNT_FORMAT', `amount ${show(text)} ${parsed.fix}`),
    );
  const { canonical, decimals, totalDigits, isZero } = parsed.value;
  const issues: RuleIssue[] = [];
  if (isZero) {
    issues.push(issue('AMOUNT_NOT_POSITIVE', `amount ${show(text)} is zero: give an amount greater than 0`));
  }
  const minorUnits = currency === undefined ? undefined : minorUnitsOf(currency);
  if (minorUnits !== undefined && decimals > minorUnits) {
    issues.push(
      issue(
        'AMOUNT_TOO_MANY_DECIMALS',
        `amount ${text} has ${plural(decimals, 'decimal')} but ${currency} allows ${minorUnits}: ` +
          (minorUnits === 0 ? 'round to a whole number' : `round to ${plural(minorUnits, 'decimal')}`),
      ),
    );
  }
  if (totalDigits > MAX_TOTAL_DIGITS) {
    issues.push(
      issue(
        'AMOUNT_TOO_LARGE',
        `amount ${show(text)} has ${totalDigits} digits but at most ${MAX_TOTAL_DIGITS} can be sent: check the amount`,
      ),
    );
  }
  return issues.length > 0 ? fail(...issues) : pass(canonical);
}

function checkUnits(text: string): Checked<string> {
  const parsed = parsePlainDecimal(text);
  if (!parsed.ok)
    return fail(
      issue(parsed.negative ? 'UNITS_NOT_POSITIVE' : 'UNITS_FORMAT', `units ${show(text)} ${parsed.fix}`),
    );
  const { canonical, decimals, totalDigits, isZero } = parsed.value;
  const issues: RuleIssue[] = [];
  if (isZero) {
    issues.push(
      issue('UNITS_NOT_POSITIVE', `units ${show(text)} is zero: give a number of units greater than 0`),
    );
  }
  if (decimals > MAX_UNITS_DECIMALS) {
    issues.push(
      issue(
        'UNITS_TOO_MANY_DECIMALS',
        `units ${text} has ${decimals} decimals but at most ${MAX_UNITS_DECIMALS} are allowed: round to ${MAX_UNITS_DECIMALS} decimals`,
      ),
    );
  }
  if (totalDigits > MAX_TOTAL_DIGITS) {
    issues.push(
      issue(
        'UNITS_TOO_LARGE',
        `units ${show(text)} has ${totalDigits} digits but at most ${MAX_TOTAL_DIGITS} can be sent: check the number of units`,
      ),
    );
  }
  return issues.length > 0 ? fail(...issues) : pass(canonical);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
