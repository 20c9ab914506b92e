// Caps that keep memory bounded whatever the file holds: the longest legitimate cell (comment) is 140
// characters and a v1 row has ten, so anything near these limits is a broken or hostile file.
export const TRADE_FILE_LIMITS = {
  maxCellChars: 10_000,
  maxRecordChars: 1_000_000,
  maxFields: 1_000,
  // Input is cut into slices this size so one huge Buffer never becomes one huge string.
  sliceBytes: 64 * 1024,
  sniffBytes: 4 * 1024,
  // XLSX: a value beyond column CV refuses the file; a row may hold at most maxFields cell elements.
  maxXlsxColumns: 100,
  // Excel's own sheet size.
  maxXlsxSheetRows: 1_048_576,
  maxXlsxSheetColumns: 16_384,
  // What a workbook may expand to (the upload itself is capped by maxBytes): a 1,000,000-row trade file
  // is ~400 MB of sheet XML and ~50 MB of shared strings, which stay in memory while the sheet is read.
  maxXlsxXmlBytes: 1024 * 1024 * 1024,
  maxXlsxSharedStringsXmlBytes: 128 * 1024 * 1024,
  maxXlsxPartXmlBytes: 32 * 1024 * 1024,
  // Sheet XML compresses ~7-30 to 1; a large part packed tighter than 100 to 1 is a bomb (Apache POI's rule).
  maxXlsxInflateRatio: 100,
  inflateRatioFromBytes: 16 * 1024 * 1024,
  maxXlsxZipEntries: 10_000,
  // The XML parser buffers a text or tag whole: none may be longer (Excel's cell limit is 32,767).
  maxXmlTokenChars: 1_000_000,
  maxXmlDepth: 64,
} as const;
