import { isDateFormat } from './excel-number-format';
import type { XmlAttributes, XmlVisitor } from './xml-stream';

// Excel allows 64,000 cell formats; a style index beyond what is kept reads as "not a date".
const MAX_CELL_FORMATS = 65_536;

/**
 * Reads which cell formats (the `s` index of a cell) show dates, from xl/styles.xml: each `<xf>` of
 * `<cellXfs>` names a number format, built in or defined in `<numFmts>`.
 */
export class StylesVisitor implements XmlVisitor {
  private readonly formatCodes = new Map<number, string>();
  private readonly cellFormats: number[] = [];
  private inCellFormats = false;

  open(name: string, attributes: XmlAttributes): void {
    if (name === 'numFmt') {
      const id = Number(attributes.numFmtId);
      if (Number.isInteger(id) && attributes.formatCode !== undefined) {
        this.formatCodes.set(id, attributes.formatCode);
      }
    } else if (name === 'cellXfs') {
      this.inCellFormats = true;
    } else if (name === 'xf' && this.inCellFormats && this.cellFormats.length < MAX_CELL_FORMATS) {
      this.cellFormats.push(Number(attributes.numFmtId ?? '0'));
    }
  }

  text(): void {
    // Styles hold no text that matters here.
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inCellFormats = false;
  }

  /** For each cell format index, whether it shows a date. */
  dateStyles(): readonly boolean[] {
    return this.cellFormats.map((id) => isDateFormat(id, this.formatCodes.get(id)));
  }
}
