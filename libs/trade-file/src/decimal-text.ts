const MAX_DECIMALS = 8;

/**
 * A spreadsheet number as plain decimal text: no exponent, no float artefacts (0.1 + 0.2 → "0.3"), at
 * most 8 decimals; '' for NaN and infinities.
 */
export function decimalText(value: number): string {
  if (!Number.isFinite(value)) return '';
  // The shortest text that round-trips is what the user typed in all but artefact cases.
  let text = plain(String(value));
  if (decimalsOf(text) > MAX_DECIMALS) text = plain(String(Number(value.toFixed(MAX_DECIMALS))));
  return text === '-0' ? '0' : text;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

// Rewrites "1.5e+21" / "1e-7" without the exponent.
function plain(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign, whole, fraction = '', exponentText] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
