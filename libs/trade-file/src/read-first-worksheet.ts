import { openFirstWorksheet } from './open-first-worksheet';
import { quoteForMessage } from './table-format';
import { TradeFileError } from './trade-file.error';
import { TRADE_FILE_LIMITS } from './trade-file.limits';
import { ExpansionBudget } from './xlsx-expansion-budget';
import type { XlsxReadContext, XlsxRow } from './xlsx-row-source';
import { SheetVisitor } from './xlsx-sheet.visitor';
import { visitXml } from './xml-stream';
import { readZipDirectory } from './zip-directory';
import { entryBytes } from './zip-entry-bytes';

/**
 * The default XlsxRowSource: the rows of the first worksheet, streamed from its XML as they are consumed.
 * The compressed upload is held in memory (at most maxBytes) because a ZIP's directory is at its end and
 * Excel stores the shared strings after the sheets; the shared strings are held too, as in any reader.
 */
export async function* readFirstWorksheet(
  bytes: AsyncIterable<Uint8Array>,
  { file }: XlsxReadContext,
): AsyncGenerator<XlsxRow> {
  const zip = await collect(bytes);
  const directory = readZipDirectory(zip);
  const budget = new ExpansionBudget(file);
  const sheet = await openFirstWorksheet(zip, directory, budget, file);

  const visitor = new SheetVisitor(sheet.context);
  budget.reserve(sheet.entry, TRADE_FILE_LIMITS.maxXlsxXmlBytes);
  let anyValue = false;
  for await (const _ of visitXml(entryBytes(zip, sheet.entry), visitor, sheet.entry.name)) {
    for (const row of visitor.rows.splice(0)) {
      anyValue ||= row.cells.some((cell) => cell.trim() !== '');
      yield row;
    }
  }
  if (!anyValue) {
    throw new TradeFileError(
      'EMPTY_FILE',
      `${file} has nothing on its first worksheet (${quoteForMessage(sheet.name)}); trades are read from the first worksheet only. Put the header and the trades there and upload again.`,
    );
  }
}

async function collect(bytes: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of bytes) chunks.push(chunk);
  return Buffer.concat(chunks);
}
