import type { XlsxRowSource } from '@contingency/trade-file';

export interface BatchesOptions {
  /** Where the raw uploads are kept for audit: `<dataDir>/uploads/<sha256>`. */
  dataDir: string;
  /** Bytes per uploaded file; default 256 MiB (env UPLOAD_MAX_BYTES). */
  maxBytes?: number;
  /** Data rows per file; default 1,000,000 (env UPLOAD_MAX_ROWS). */
  maxRows?: number;
  /** Rows per write to the ledger while a file streams in; default 2,000. */
  chunkRows?: number;
  /** Reads XLSX workbooks; without one an XLSX upload is refused with advice to save it as CSV. */
  xlsx?: XlsxRowSource;
}

export type ResolvedBatchesOptions = Required<Omit<BatchesOptions, 'xlsx'>> & Pick<BatchesOptions, 'xlsx'>;

export const BATCHES_OPTIONS = Symbol('BATCHES_OPTIONS');

export const UPLOAD_DEFAULTS = {
  maxBytes: 256 * 1024 * 1024,
  maxRows: 1_000_000,
  chunkRows: 2_000,
} as const;

export function resolveBatchesOptions(options: BatchesOptions): ResolvedBatchesOptions {
  const resolved = { ...UPLOAD_DEFAULTS, ...withoutUndefined(options) };
  for (const key of ['maxBytes', 'maxRows', 'chunkRows'] as const) {
    if (!Number.isSafeInteger(resolved[key]) || resolved[key] <= 0) {
      throw new Error(`BatchesModule: ${key} must be a positive integer, not ${resolved[key]}`);
    }
  }
  if (!resolved.dataDir) throw new Error('BatchesModule: dataDir is required (DATA_DIR)');
  return resolved;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
