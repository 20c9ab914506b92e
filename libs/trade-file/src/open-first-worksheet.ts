import { TradeFileError } from './trade-file.error';
import { TRADE_FILE_LIMITS } from './trade-file.limits';
import type { ExpansionBudget } from './xlsx-expansion-budget';
import { RelationshipsVisitor, relationshipsPartOf } from './xlsx-relationships.visitor';
import { SharedStringsVisitor } from './xlsx-shared-strings.visitor';
import type { SheetContext } from './xlsx-sheet.visitor';
import { StylesVisitor } from './xlsx-styles.visitor';
import { WorkbookVisitor } from './xlsx-workbook.visitor';
import { visitXml, type XmlVisitor } from './xml-stream';
import type { ZipDirectory, ZipEntry } from './zip-directory';
import { entryBytes } from './zip-entry-bytes';

export interface FirstWorksheet {
  readonly name: string;
  readonly entry: ZipEntry;
  readonly context: SheetContext;
}

const OFFICE_DOCUMENT = '/officeDocument';
const WORKSHEET = '/worksheet';

/**
 * Finds the first worksheet as the operator sees it (the first visible tab that is a worksheet, not a
 * chart) and reads what its cells need: shared strings, date styles and the date system. Parts are read
 * through the central directory, so their order in the ZIP (Excel writes the shared strings after the
 * sheets) does not matter.
 */
export async function openFirstWorksheet(
  zip: Buffer,
  directory: ZipDirectory,
  budget: ExpansionBudget,
  file: string,
): Promise<FirstWorksheet> {
  const part = (name: string): ZipEntry | undefined => directory.find(name);
  const read = async <V extends XmlVisitor>(entry: ZipEntry, visitor: V, cap: number): Promise<V> => {
    if (entry.encrypted) throw passwordProtected(file);
    budget.reserve(entry, cap);
    for await (const _ of visitXml(entryBytes(zip, entry), visitor, entry.name)) {
      // The visitor collects; nothing to hand on until the part is read.
    }
    return visitor;
  };
  const small = TRADE_FILE_LIMITS.maxXlsxPartXmlBytes;

  const rootRelationships = part('_rels/.rels');
  const root = rootRelationships && (await read(rootRelationships, new RelationshipsVisitor(''), small));
  const workbookName = root?.firstOfType(OFFICE_DOCUMENT)?.target ?? 'xl/workbook.xml';
  const workbookEntry = part(workbookName);
  if (workbookEntry === undefined || workbookName.toLowerCase().endsWith('.bin'))
    throw notAWorkbook(directory, file);
  const workbook = await read(workbookEntry, new WorkbookVisitor(), small);
  if (workbook.root !== 'workbook') throw notAWorkbook(directory, file);

  const relationshipsEntry = part(relationshipsPartOf(workbookEntry.name));
  const relationships = relationshipsEntry
    ? await read(relationshipsEntry, new RelationshipsVisitor(workbookEntry.name), small)
    : new RelationshipsVisitor(workbookEntry.name);
  const worksheets = workbook.sheets.flatMap((sheet) => {
    const target = relationships.byId.get(sheet.relationshipId);
    return target?.type.endsWith(WORKSHEET) === true ? [{ ...sheet, target: target.target }] : [];
  });
  const first = worksheets.find((sheet) => !sheet.hidden) ?? worksheets[0];
  if (first === undefined) {
    throw new TradeFileError(
      'MALFORMED_XLSX',
      `${file} is an Excel workbook without a worksheet. Put the header and the trades on the first worksheet, save as .xlsx and upload again.`,
    );
  }
  const entry = part(first.target);
  if (entry === undefined) {
    throw new Error(`its first worksheet (${first.target}) is missing from the file`);
  }
  if (entry.encrypted) throw passwordProtected(file);

  const stylesEntry = part(relationships.firstOfType('/styles')?.target ?? '');
  const styles = stylesEntry ? await read(stylesEntry, new StylesVisitor(), small) : new StylesVisitor();
  const stringsEntry = part(relationships.firstOfType('/sharedStrings')?.target ?? '');
  const strings = stringsEntry
    ? await read(stringsEntry, new SharedStringsVisitor(), TRADE_FILE_LIMITS.maxXlsxSharedStringsXmlBytes)
    : new SharedStringsVisitor();

  return {
    name: first.name,
    entry,
    context: { sharedStrings: strings.strings, dateStyles: styles.dateStyles(), date1904: workbook.date1904 },
  };
}

export function passwordProtected(file: string): TradeFileError {
  return new TradeFileError(
    'NOT_CSV_OR_XLSX',
    `${file} is password-protected (encrypted), so it cannot be read. In Excel remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save it as "Excel Workbook (.xlsx)" and upload again, or save it as "CSV UTF-8 (Comma delimited)".`,
  );
}

function notAWorkbook(directory: ZipDirectory, file: string): TradeFileError {
  const has = (name: string): boolean => directory.find(name) !== undefined;
  const what = has('xl/workbook.bin')
    ? 'an Excel binary workbook (.xlsb)'
    : has('word/document.xml')
      ? 'a Word document (.docx)'
      : has('ppt/presentation.xml')
        ? 'a PowerPoint presentation (.pptx)'
        : has('mimetype') && has('content.xml')
          ? 'an OpenDocument file (.ods/.odt)'
          : 'a ZIP archive';
  return new TradeFileError(
    'NOT_CSV_OR_XLSX',
    `${file} is ${what}, not an Excel workbook (.xlsx). Open the trades in Excel and save them as "Excel Workbook (.xlsx)" or as "CSV UTF-8 (Comma delimited)", then upload that file.`,
  );
}
