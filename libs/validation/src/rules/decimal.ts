// Amounts and units stay strings end to end: a float would round money. Only plain decimal syntax is
// accepted, because a spreadsheet's "1,000" or "1e3" is ambiguous or a sign that the cell was mangled.

export interface PlainDecimal {
  /** No sign, no leading zeros, no trailing fractional zeros: "0012.50" → "12.5". */
  canonical: string;
  /** Fractional digits of the value (trailing zeros add no precision). */
  decimals: number;
  /** Significant digits, as XML Schema's totalDigits counts them ("0.05" has 1). */
  totalDigits: number;
  isZero: boolean;
}

export type DecimalParse = { ok: true; value: PlainDecimal } | { ok: false; negative: boolean; fix: string };

const PLAIN = /^(\d+)(?:\.(\d+))?$/;
const EXPONENT = /^(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/;
const THOUSANDS = /^\d{1,3}(?:([,' \u00a0\u202f])\d{3})(?:\1\d{3})*(?:\.\d+)?$/;
const EUROPEAN = /^\d{1,3}(?:\.\d{3})+,\d+$/;
const DECIMAL_COMMA = /^\d+,\d+$/;

/** Parses trimmed text; on failure `fix` completes "amount 'x' …" with what is wrong and what to write. */
export function parsePlainDecimal(text: string): DecimalParse {
  const plain = PLAIN.exec(text);
  if (plain) return { ok: true, value: canonicalise(plain[1], plain[2] ?? '') };

  if (text.startsWith('-')) {
    return failure(
      true,
      "has a '-' sign: give the positive quantity without a sign (a sale is order_type REDEMPTION)",
    );
  }
  if (text.startsWith('+')) {
    const rest = parsePlainDecimal(text.slice(1));
    return failure(false, `has a '+' sign: remove it${rest.ok ? ` and write ${rest.value.canonical}` : ''}`);
  }
  const exponent = EXPONENT.exec(text);
  if (exponent && (exponent[1] !== '' || (exponent[2] ?? '') !== '')) {
    const full = expandExponent(exponent[1], exponent[2] ?? '', Number(exponent[3]));
    return failure(
      false,
      `is in exponent notation: write the number in full${full ? ` as ${full}` : ''} ` +
        '(format the spreadsheet cell as Number or Text)',
    );
  }
  if (THOUSANDS.test(text)) {
    const plainText = text.replace(/[,' \u00a0\u202f]/g, '');
    // "1,500" may be a thousands separator or a decimal comma: say both.
    const orDecimal = /^\d{1,3},\d{3}$/.test(text)
      ? ` (or ${text.replace(',', '.')} if ',' was the decimal point)`
      : '';
    return failure(false, `has thousands separators: remove them and write ${plainText}${orDecimal}`);
  }
  if (EUROPEAN.test(text)) {
    return failure(
      false,
      `uses ',' for decimals: use '.' for decimals and no separators, as ${europeanToPlain(text)}`,
    );
  }
  if (DECIMAL_COMMA.test(text)) {
    return failure(false, `uses ',' for decimals: use '.', as ${text.replace(',', '.')}`);
  }
  if (/^\.\d+$/.test(text)) return failure(false, `has no digit before the point: write 0${text}`);
  if (/^\d+\.$/.test(text)) return failure(false, `ends with a point: write ${text.slice(0, -1)}`);
  return failure(
    false,
    'is not a plain decimal number: write digits with an optional decimal point, such as 1000.50 ' +
      '(no currency symbol, sign, spaces or thousands separators)',
  );
}

/** The canonical form of a decimal string from anywhere (a file cell, a PostgreSQL numeric). */
export function canonicalDecimal(text: string): string {
  const parsed = parsePlainDecimal(text.trim());
  return parsed.ok ? parsed.value.canonical : text.trim();
}

function canonicalise(integerDigits: string, fractionDigits: string): PlainDecimal {
  const integer = integerDigits.replace(/^0+(?=\d)/, '');
  const fraction = fractionDigits.replace(/0+$/, '');
  const canonical = fraction === '' ? integer : `${integer}.${fraction}`;
  const significant = `${integer === '0' ? '' : integer}${fraction}`.replace(/^0+/, '');
  return {
    canonical,
    decimals: fraction.length,
    totalDigits: Math.max(significant.length, 1),
    isZero: canonical === '0',
  };
}

// Written out only for exponents a person could mean; "1e300" gets no suggestion.
function expandExponent(integer: string, fraction: string, exponent: number): string | undefined {
  if (Math.abs(exponent) > 30) return undefined;
  const digits = `${integer}${fraction}`;
  const point = integer.length + exponent;
  const expanded =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${'0'.repeat(point - digits.length)}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return canonicalDecimal(expanded);
}

function europeanToPlain(text: string): string {
  return text.replace(/\./g, '').replace(',', '.');
}

function failure(negative: boolean, fix: string): DecimalParse {
  return { ok: false, negative, fix };
}
