// Caps that keep memory bounded whatever the file holds: the longest legitimate cell (comment) is 140
// characters and a v1 row has ten, so anything near these limits is a broken or hostile file.
export const TRADE_FILE_LIMITS = {
  maxCellChars: 10_000,
  maxRecordChars: 1_000_000,
  maxFields: 1_000,
  maxXlsxColumns: 16_384,
  // Input is cut into slices this size so one huge Buffer never becomes one huge string.
  sliceBytes: 64 * 1024,
  sniffBytes: 4 * 1024,
} as const;
