import { appendCapped, spreadsheetText } from './xlsx-text';
import type { XmlAttributes, XmlVisitor } from './xml-stream';

/**
 * Collects the shared string table (xl/sharedStrings.xml): one plain text per `<si>`, rich text runs
 * joined, phonetic guides (`<rPh>`) left out.
 */
export class SharedStringsVisitor implements XmlVisitor {
  readonly strings: string[] = [];
  private current: string | undefined;
  private inText = false;
  private inPhonetic = false;

  open(name: string, _attributes: XmlAttributes): void {
    if (name === 'si') this.current = '';
    else if (name === 'rPh') this.inPhonetic = true;
    else if (name === 't' && this.current !== undefined && !this.inPhonetic) this.inText = true;
  }

  text(text: string): void {
    if (this.inText && this.current !== undefined) this.current = appendCapped(this.current, text);
  }

  close(name: string): void {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si' && this.current !== undefined) {
      this.strings.push(spreadsheetText(this.current));
      this.current = undefined;
    }
  }
}
