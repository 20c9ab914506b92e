import { TradeFileError } from './trade-file.error';
import { TRADE_FILE_LIMITS } from './trade-file.limits';
import type { ZipEntry } from './zip-directory';

const MB = 1024 * 1024;

/**
 * Caps what a workbook unpacks to, per part and in total: the upload itself is capped by maxBytes, but a
 * few compressed megabytes can expand to gigabytes (a zip bomb). A part is checked by the size the ZIP
 * directory declares before a byte is inflated; the entry reader refuses a part that turns out larger
 * than declared, so a lying directory gains nothing.
 */
export class ExpansionBudget {
  private total = 0;

  constructor(private readonly file: string) {}

  reserve(entry: ZipEntry, cap: number): void {
    if (entry.uncompressedSize > cap) {
      throw this.tooLarge(
        `its part ${entry.name} unpacks to ${megabytes(entry.uncompressedSize)}, more than ${megabytes(cap)}`,
      );
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (
      entry.uncompressedSize > TRADE_FILE_LIMITS.inflateRatioFromBytes &&
      ratio > TRADE_FILE_LIMITS.maxXlsxInflateRatio
    ) {
      throw this.tooLarge(
        `its part ${entry.name} unpacks to ${megabytes(entry.uncompressedSize)} from ${entry.compressedSize} bytes, more than ${TRADE_FILE_LIMITS.maxXlsxInflateRatio} to 1, as only a zip bomb does`,
      );
    }
    this.total += entry.uncompressedSize;
    if (this.total > TRADE_FILE_LIMITS.maxXlsxXmlBytes) {
      throw this.tooLarge(`it unpacks to more than ${megabytes(TRADE_FILE_LIMITS.maxXlsxXmlBytes)}`);
    }
  }

  private tooLarge(what: string): TradeFileError {
    return new TradeFileError(
      'TOO_LARGE',
      `${this.file} is too large to read as a trade file: ${what}. Split the trades into several files (or delete other sheets, pictures and unused cells) and upload again.`,
    );
  }
}

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / MB)} MB`;
}
