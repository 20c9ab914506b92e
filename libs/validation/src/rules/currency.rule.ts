import { isActiveCurrency } from './currencies';
import { type Checked, fail, issue, pass, show } from './issue';

/** The currency cell: empty (null) or an active ISO 4217 code, in any case, returned upper-case. */
export function checkCurrency(cell: string, fundCurrency?: string): Checked<string | null> {
  const code = cell.trim().toUpperCase();
  if (code === '') return pass(null);
  if (!isActiveCurrency(code)) {
    const hint = fundCurrency ? `the fund's currency is ${fundCurrency}` : 'such as EUR, USD or GBP';
    return fail(
      issue(
        'CURRENCY_UNKNOWN',
        `currency ${show(cell.trim())} is not an active ISO 4217 currency code: use the 3-letter code (${hint})`,
      ),
    );
  }
  return pass(code);
}
