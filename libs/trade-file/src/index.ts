export { readTradeFile, type ReadTradeFileOptions } from './read-trade-file';
export type { ByteSource } from './byte-chunks';
export { TRADE_COLUMNS, type TradeCells, type TradeColumn, type TradeFileRow } from './trade-columns';
export {
  httpStatusOf,
  TRADE_FILE_HTTP_STATUS,
  TradeFileError,
  type TradeFileErrorCode,
  type TradeFileErrorDetails,
} from './trade-file.error';
export { TRADE_FILE_LIMITS } from './trade-file.limits';
export type { XlsxReadContext, XlsxRow, XlsxRowSource } from './xlsx-row-source';
export { readFirstWorksheet } from './read-first-worksheet';
export { xlsxCellText } from './xlsx-cell-text';
export { decimalText } from './decimal-text';
export { neutraliseFormula } from './neutralise-formula';
export { toCsvLine } from './to-csv-line';
