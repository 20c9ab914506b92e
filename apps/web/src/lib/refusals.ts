import type { ApiError } from '../api/http';

export interface Refusal {
  title: string;
  /** What is wrong, in the operator's words. */
  problem: string;
  /** What to do about it. */
  fix: string;
}

// Every file-level refusal of POST /batches (libs/trade-file TradeFileErrorCode, the upload and batch
// errors of the gateway): what it means and how to fix it. The server's own message is shown beside it,
// since it names the line, the columns or the batch.
const REFUSALS: Record<string, Refusal> = {
  NOT_CSV_OR_XLSX: {
    title: 'Not a trade file',
    problem: 'The file is neither CSV nor XLSX.',
    fix: 'Export the sheet as CSV (UTF-8) or save it as an Excel workbook (.xlsx), then upload that file.',
  },
  BAD_ENCODING: {
    title: 'Wrong text encoding',
    problem: 'The CSV is not valid UTF-8 (often a file saved as ANSI/Windows-1252).',
    fix: 'Save the file again as “CSV UTF-8”, or upload the .xlsx instead.',
  },
  MISSING_COLUMNS: {
    title: 'Columns missing',
    problem: 'The header row lacks required columns of the trade file v1.',
    fix: 'Add the columns named below to the header row (any order, any letter case).',
  },
  UNKNOWN_COLUMNS: {
    title: 'Unknown columns',
    problem: 'The header row has columns the trade file v1 does not know.',
    fix: 'Remove or rename the columns named below; only the trade file v1 columns are allowed.',
  },
  DUPLICATE_COLUMNS: {
    title: 'Column repeated',
    problem: 'A column appears more than once in the header row.',
    fix: 'Keep one column of each name and upload again.',
  },
  EMPTY_FILE: {
    title: 'No trades in the file',
    problem: 'The file is empty or has a header row and no data rows.',
    fix: 'Check you picked the right file, add the trades below the header and upload again.',
  },
  TOO_LARGE: {
    title: 'File too large',
    problem: 'The file has more bytes or rows than one upload may carry.',
    fix: 'Split the trades into several files and upload each one.',
  },
  MALFORMED_CSV: {
    title: 'The CSV cannot be read',
    problem: 'A line of the CSV is broken (an unclosed quote, or a wrong number of cells).',
    fix: 'Open the file in a spreadsheet, correct the line named below, export as CSV UTF-8 again.',
  },
  MALFORMED_XLSX: {
    title: 'The workbook cannot be read',
    problem: 'The .xlsx file is damaged or not a real Excel workbook.',
    fix: 'Open it in Excel and save it again as .xlsx, or export it as CSV UTF-8.',
  },
  DUPLICATE_FILE: {
    title: 'Already uploaded',
    problem: 'These exact bytes were uploaded before; the same file is never taken twice.',
    fix: 'Open the existing batch below. To send changed trades, correct the file and upload the new version.',
  },
  FILE_REQUIRED: {
    title: 'No file',
    problem: 'The upload carried no file.',
    fix: 'Choose a file and upload again.',
  },
  UPLOAD_INCOMPLETE: {
    title: 'Upload interrupted',
    problem: 'The connection ended before the whole file arrived. Nothing was recorded.',
    fix: 'Upload the file again.',
  },
  MALFORMED_MULTIPART: {
    title: 'Upload garbled',
    problem: 'The browser’s upload could not be read. Nothing was recorded.',
    fix: 'Upload the file again; if it keeps happening, reload the page.',
  },
  MULTIPART_REQUIRED: {
    title: 'Upload garbled',
    problem: 'The upload was not sent as a form. Nothing was recorded.',
    fix: 'Reload the page and upload again.',
  },
  RATE_LIMITED: {
    title: 'Too many uploads',
    problem: 'More than 30 uploads in a minute.',
    fix: 'Wait a minute, then upload again.',
  },
  UNAUTHENTICATED: {
    title: 'Signed out',
    problem: 'Your session ended.',
    fix: 'Sign in again, then upload the file again.',
  },
  FORBIDDEN: {
    title: 'Not allowed',
    problem: 'Only operators may upload trade files.',
    fix: 'Ask an administrator for the operator role, or ask an operator to upload.',
  },
};

const BY_STATUS: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  413: 'TOO_LARGE',
  429: 'RATE_LIMITED',
};

/**
 * The explanation for a refused upload, or for a batch that FAILED at file level (its refusal code,
 * without the HTTP status).
 */
export function refusalFor(error: Pick<ApiError, 'code'> & { status?: number }): Refusal {
  return (
    REFUSALS[error.code] ??
    REFUSALS[BY_STATUS[error.status ?? 0] ?? ''] ?? {
      title: 'Upload refused',
      problem: `The server refused the file (${error.code}).`,
      fix: 'Read the message below; correct the file and upload again.',
    }
  );
}

export const KNOWN_REFUSAL_CODES = Object.keys(REFUSALS);
