import { createHash } from 'node:crypto';

/** An order line as the simulator prices it (from the setr.010 / setr.004 it collected). */
export interface OrderToPrice {
  fundIsin: string;
  units?: string;
  amount?: { amount: string; currency: string };
  requestedTradeDate?: string;
  settlementDate?: string;
  receivedAt: Date;
}

export interface PricedExecution {
  units: string;
  price: { amount: string; currency: string };
  tradeDate: string;
  settlementAmount: { amount: string; currency: string };
  settlementDate: string;
}

const PRICE_SCALE = 4;
const UNITS_SCALE = 4;
const AMOUNT_SCALE = 2;
// The XSD decimals allow 18 digits; an amount keeps 5 of them for its fraction.
const MAX_AMOUNT_INTEGER_DIGITS = 13;
const MAX_UNITS_DIGITS = 18;

/** The fund's NAV per unit, the same for the same ISIN: 1.0000 to 99.9999 (FNV-1a of the ISIN). */
export function navOf(isin: string): string {
  let hash = 0x811c9dc5;
  for (const char of isin) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return decimalText(BigInt(10_000 + (hash % 990_000)), PRICE_SCALE);
}

/** The currency of a fund priced without an amount to follow (a redemption by units). */
export function fundCurrencyOf(isin: string): string {
  return FUND_CURRENCIES[isin.slice(0, 2)] ?? 'EUR';
}
const FUND_CURRENCIES: Record<string, string> = { GB: 'GBP', US: 'USD', CH: 'CHF' };

/** The TA's deal reference of an order: the same for the same OrdrRef. */
export function dealRefOf(orderRef: string): string {
  return `TA${createHash('sha256').update(orderRef).digest('hex').slice(0, 16).toUpperCase()}`;
}

/**
 * The execution at the fund's NAV: by amount, units = amount / NAV (4 decimals, half up) and the amount
 * is settled as sent; by units, the settlement amount = units × NAV (2 decimals, half up). Traded on the
 * requested date, else the day received; settled on the requested date, else two business days later.
 * Undefined when the order has no quantity, or one too large to confirm.
 */
export function priceExecution(order: OrderToPrice): PricedExecution | undefined {
  const price = navOf(order.fundIsin);
  const priceScaled = scaled(price, PRICE_SCALE);
  const tradeDate = order.requestedTradeDate ?? order.receivedAt.toISOString().slice(0, 10);
  const dates = { tradeDate, settlementDate: order.settlementDate ?? addBusinessDays(tradeDate, 2) };

  if (order.amount !== undefined) {
    const { amount, currency } = order.amount;
    if (!fitsDecimal(amount, MAX_AMOUNT_INTEGER_DIGITS, 5)) return undefined;
    // units × 10^4 = amount × 10^5 × 10^3 / (price × 10^4)
    const units = divideHalfUp(scaled(amount, 5) * 1_000n, priceScaled);
    if (units === 0n) return undefined;
    return {
      units: decimalText(units, UNITS_SCALE),
      price: { amount: price, currency },
      settlementAmount: { amount, currency },
      ...dates,
    };
  }
  if (order.units !== undefined) {
    const { units } = order;
    const fraction = units.split('.')[1]?.length ?? 0;
    if (!fitsDecimal(units, MAX_UNITS_DIGITS - fraction, 17)) return undefined;
    // amount × 10^2 = units × 10^f × price × 10^4 / 10^(f + 2)
    const settled = divideHalfUp(scaled(units, fraction) * priceScaled, 10n ** BigInt(fraction + 2));
    const amount = decimalText(settled, AMOUNT_SCALE);
    if (settled === 0n || integerDigits(amount) > MAX_AMOUNT_INTEGER_DIGITS) return undefined;
    const currency = fundCurrencyOf(order.fundIsin);
    return { units, price: { amount: price, currency }, settlementAmount: { amount, currency }, ...dates };
  }
  return undefined;
}

/** The date `days` business days (Monday to Friday) after `date` (YYYY-MM-DD). */
export function addBusinessDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  for (let left = days; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

/** A plain decimal of at most `integers` digits before the point and `fractions` after it. */
function fitsDecimal(text: string, integers: number, fractions: number): boolean {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  return (
    match !== null && match[1].replace(/^0+/, '').length <= integers && (match[2] ?? '').length <= fractions
  );
}

const integerDigits = (text: string): number => text.split('.')[0].replace(/^0+/, '').length;

/** A plain decimal as an integer of `scale` fraction digits (the text has at most `scale`). */
function scaled(text: string, scale: number): bigint {
  const [integer, fraction = ''] = text.split('.');
  return BigInt(`${integer}${fraction.padEnd(scale, '0')}`);
}

function decimalText(value: bigint, scale: number): string {
  const digits = value.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function divideHalfUp(dividend: bigint, divisor: bigint): bigint {
  return (dividend * 2n + divisor) / (divisor * 2n);
}
