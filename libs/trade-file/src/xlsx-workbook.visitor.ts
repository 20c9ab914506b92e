import { attribute, type XmlAttributes, type XmlVisitor } from './xml-stream';

export interface WorkbookSheet {
  readonly name: string;
  readonly relationshipId: string;
  readonly hidden: boolean;
}

/** The sheets of xl/workbook.xml in tab order, and its date system. */
export class WorkbookVisitor implements XmlVisitor {
  readonly sheets: WorkbookSheet[] = [];
  date1904 = false;
  /** The root element: `workbook` for a spreadsheet (a .docx's main part is a `document`). */
  root: string | undefined;
  private inSheets = false;

  open(name: string, attributes: XmlAttributes): void {
    this.root ??= name;
    if (name === 'workbookPr') {
      const value = attributes.date1904;
      this.date1904 = value === '1' || value === 'true';
    } else if (name === 'sheets') {
      this.inSheets = true;
    } else if (name === 'sheet' && this.inSheets) {
      this.sheets.push({
        name: attributes.name ?? '',
        relationshipId: attribute(attributes, 'id', true) ?? '',
        hidden: attributes.state === 'hidden' || attributes.state === 'veryHidden',
      });
    }
  }

  text(): void {
    // Nothing needed from text here.
  }

  close(name: string): void {
    if (name === 'sheets') this.inSheets = false;
  }

  get done(): boolean {
    // Everything after <sheets> (defined names, calculation settings…) is of no use.
    return (
      (this.root !== undefined && this.root !== 'workbook') || (this.sheets.length > 0 && !this.inSheets)
    );
  }
}
