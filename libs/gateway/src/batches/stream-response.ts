import { once } from 'node:events';
import type { Response } from 'express';
import { toCsvLine } from '@contingency/trade-file';

/** Writes with back-pressure: a slow client holds the next page, not memory. */
async function write(res: Response, text: string): Promise<void> {
  if (!res.write(text)) await once(res, 'drain');
}

// Once the first byte is out, a failure can only cut the response short (the client sees it
// incomplete); it is still thrown, for the exception filter to log.
async function streaming(res: Response, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    res.end();
  } catch (error) {
    if (res.headersSent) res.destroy();
    throw error;
  }
}

export function streamJsonArray<T>(res: Response, pages: AsyncIterable<readonly T[]>): Promise<void> {
  res.status(200).type('application/json');
  return streaming(res, async () => {
    let first = true;
    await write(res, '[');
    for await (const page of pages) {
      if (page.length === 0) continue;
      const items = page.map((item) => JSON.stringify(item)).join(',');
      await write(res, first ? items : `,${items}`);
      first = false;
    }
    await write(res, ']');
  });
}

/** A CSV download: every cell through toCsvLine, so a formula in the data never runs in a spreadsheet. */
export function streamCsv<T>(
  res: Response,
  download: { fileName: string; header: readonly string[]; cells: (item: T) => string[] },
  pages: AsyncIterable<readonly T[]>,
): Promise<void> {
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${download.fileName}"`);
  return streaming(res, async () => {
    await write(res, toCsvLine(download.header));
    for await (const page of pages) {
      if (page.length > 0) await write(res, page.map((item) => toCsvLine(download.cells(item))).join(''));
    }
  });
}
