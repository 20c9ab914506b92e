/** Digit limits of the XSD decimal types the setr messages use. */
export interface DecimalLimits {
  readonly totalDigits: number;
  readonly fractionDigits: number;
}

/** ActiveOrHistoricCurrencyAndAmount / ActiveCurrencyAndAmount. */
export const AMOUNT_DIGITS: DecimalLimits = { totalDigits: 18, fractionDigits: 5 };
/** DecimalNumber (UnitsNb). */
export const UNITS_DIGITS: DecimalLimits = { totalDigits: 18, fractionDigits: 17 };
/** ActiveCurrencyAnd13DecimalAmount (a dealing price). */
export const PRICE_DIGITS: DecimalLimits = { totalDigits: 18, fractionDigits: 13 };

export interface CanonicalDecimal {
  /** No leading zeros (but "0" before a point), no trailing fraction zeros, no lone point. */
  readonly text: string;
  /** Significant digits as xs:totalDigits counts them on the value. */
  readonly totalDigits: number;
  readonly fractionDigits: number;
  readonly isZero: boolean;
}

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * The canonical form of a plain non-negative decimal ("0012.50" → "12.5"), or undefined for anything
 * else (signs, exponents, spaces, commas). Written canonically, the digits an XSD facet counts on the
 * value are the digits in the text, whatever validator the receiver runs.
 */
export function canonicalDecimal(text: string): CanonicalDecimal | undefined {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return undefined;
  const integer = match[1].replace(/^0+/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return {
    text: `${integer === '' ? '0' : integer}${fraction === '' ? '' : `.${fraction}`}`,
    totalDigits: integer.length + fraction.length,
    fractionDigits: fraction.length,
    isZero: integer === '' && fraction === '',
  };
}

/**
 * The text to write: leading zeros dropped, trailing fraction zeros kept ("1000.50") unless the digits
 * as written would pass a facet's limit, in which case the canonical form is written ("100.000000" →
 * "100"). Undefined when the value itself does not fit.
 */
export function xsdDecimalText(text: string, limits: DecimalLimits): string | undefined {
  const value = canonicalDecimal(text);
  if (value === undefined || !fitsDigits(value, limits)) return undefined;
  const [integer, fraction = ''] = text.split('.');
  const kept = integer.replace(/^0+/, '');
  const written = (kept === '' ? 0 : kept.length) + fraction.length;
  if (written > limits.totalDigits || fraction.length > limits.fractionDigits) return value.text;
  return `${kept === '' ? '0' : kept}${fraction === '' ? '' : `.${fraction}`}`;
}

export function fitsDigits(value: CanonicalDecimal, limits: DecimalLimits): boolean {
  return value.totalDigits <= limits.totalDigits && value.fractionDigits <= limits.fractionDigits;
}
