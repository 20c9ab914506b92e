import { byteChunks, peekBytes, type ByteSource } from './byte-chunks';
import { CsvTokenizer } from './csv-tokenizer';
import { decodeUtf8 } from './decode-utf8';
import { RowAssembler } from './row-assembler';
import { sniffFormat } from './sniff-format';
import { fileLabel } from './table-format';
import type { TradeFileRow } from './trade-columns';
import { TRADE_FILE_LIMITS } from './trade-file.limits';
import { readFirstWorksheet } from './read-first-worksheet';
import { readXlsxRows } from './read-xlsx-rows';
import type { XlsxRowSource } from './xlsx-row-source';

export interface ReadTradeFileOptions {
  /** As uploaded; used in messages only (the format is decided from the content). */
  readonly fileName: string;
  /** As declared by the client; informational only, never trusted. */
  readonly contentType?: string;
  readonly maxRows: number;
  readonly maxBytes: number;
  /** Reads XLSX workbooks; `readFirstWorksheet` when not given. */
  readonly xlsx?: XlsxRowSource;
}

/**
 * Streams the data rows of a trade file v1 (CSV or XLSX) with bounded memory. Every refusal of the file
 * is a TradeFileError, possibly after some rows were yielded (a file is only good once fully read).
 * Errors of the source stream itself (an aborted upload) pass through unchanged. Breaking out of the
 * loop closes the source.
 */
export async function* readTradeFile(
  source: ByteSource,
  options: ReadTradeFileOptions,
): AsyncGenerator<TradeFileRow> {
  const file = fileLabel(options.fileName);
  const chunks = byteChunks(
    source,
    { maxBytes: options.maxBytes, sliceBytes: TRADE_FILE_LIMITS.sliceBytes },
    file,
  );
  try {
    const { head, all } = await peekBytes(chunks, TRADE_FILE_LIMITS.sniffBytes);
    if (sniffFormat(head, file) === 'xlsx') {
      yield* readXlsxRows(all, options.xlsx ?? readFirstWorksheet, options, file);
    } else {
      yield* readCsvRows(all, options, file);
    }
  } finally {
    await chunks.return(undefined);
  }
}

async function* readCsvRows(
  bytes: AsyncIterable<Uint8Array>,
  options: ReadTradeFileOptions,
  file: string,
): AsyncGenerator<TradeFileRow> {
  const tokenizer = new CsvTokenizer();
  const assembler = new RowAssembler('csv', options.maxRows, options.fileName);
  for await (const text of decodeUtf8(bytes, file)) {
    for (const record of tokenizer.push(text)) {
      const row = assembler.accept(record);
      if (row !== undefined) yield row;
    }
  }
  for (const record of tokenizer.end()) {
    const row = assembler.accept(record);
    if (row !== undefined) yield row;
  }
  assembler.finish();
}
