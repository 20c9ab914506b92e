/**
 * A PostgreSQL numeric as the canonical decimal string the API and the orders carry: the column's scale
 * padding goes ("1000.50000000" → "1000.5"), the value stays exact (no float on the way).
 */
export function decimalText(value: string | null): string | null {
  if (value === null) return null;
  if (!value.includes('.')) return value;
  return value.replace(/0+$/, '').replace(/\.$/, '');
}
