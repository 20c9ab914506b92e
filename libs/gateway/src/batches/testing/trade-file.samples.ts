import { randomBytes } from 'node:crypto';

// FOR TESTS AND BENCHMARKS: trade files v1, valid in shape (the upload does not judge the values).

export const HEADER =
  'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date,settlement_date,comment';

/** A run tag so that files differ (and their hashes) from one test run to the next. */
export const runTag = (): string => randomBytes(4).toString('hex');

export function tradeLine(i: number, tag = 'T'): string {
  return `${tag}-${i},SUBSCRIPTION,IE00B4L5Y983,ACC-${tag}-${i % 97},${1000 + i}.50,EUR,,2030-01-07,,row ${i}`;
}

export function tradeCsv(rows: number, tag = runTag()): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) lines.push(tradeLine(i, tag));
  return `${lines.join('\r\n')}\r\n`;
}

/** A generated CSV of `rows` trades (or until `bytes`), made on the fly in ~64 KB chunks. */
export async function* generatedCsv(
  limit: { rows?: number; bytes?: number },
  tag = runTag(),
): AsyncGenerator<Buffer> {
  const maxRows = limit.rows ?? Number.MAX_SAFE_INTEGER;
  const maxBytes = limit.bytes ?? Number.MAX_SAFE_INTEGER;
  let sent = 0;
  let text = `${HEADER}\r\n`;
  for (let i = 1; i <= maxRows; i++) {
    text += `${tradeLine(i, tag)}\r\n`;
    if (text.length >= 64 * 1024) {
      yield Buffer.from(text, 'utf8');
      sent += text.length;
      text = '';
      if (sent >= maxBytes) return;
      // A tick between chunks, as a socket has.
      await Promise.resolve();
    }
  }
  if (text !== '') yield Buffer.from(text, 'utf8');
}
