import { randomUUID } from 'node:crypto';
import { someCells } from './rules/rules.fixtures';
import type { ChunkTrade, EconomicTwin, FirstUse } from './validation.lookups';

// Test-only factories for the service's specs (not exported from the library).

export const BATCH_ID = '00000000-0000-4000-8000-00000000b001';

export function aChunkTrade(overrides: Partial<ChunkTrade> = {}): ChunkTrade {
  const cells = overrides.cells ?? someCells();
  return {
    id: randomUUID(),
    batchId: BATCH_ID,
    batchStatus: 'VALIDATING',
    row: 1,
    status: 'RECEIVED',
    version: 1,
    cells,
    accountId: cells.accountId.trim(),
    clientRef: cells.clientRef.trim(),
    ...overrides,
  };
}

export function aFirstUse(overrides: Partial<FirstUse> = {}): FirstUse {
  return {
    probeBatchId: BATCH_ID,
    accountId: 'ACC-42',
    clientRef: 'ORD-0001',
    tradeId: randomUUID(),
    row: 1,
    status: 'VALID',
    batchStatus: 'AWAITING_APPROVAL',
    relation: 'earlier-batch',
    cells: someCells(),
    ...overrides,
  };
}

export function aTwin(overrides: Partial<EconomicTwin> = {}): EconomicTwin {
  return {
    probeId: randomUUID(),
    tradeId: randomUUID(),
    clientRef: 'ORD-OTHER',
    // As the ledger reads them back: numeric(28, 8) and date text.
    fields: {
      accountId: 'ACC-42',
      fundIsin: 'IE00B4L5Y983',
      orderType: 'SUBSCRIPTION',
      amount: '1000.50000000',
      units: null,
      tradeDate: '2026-03-30',
    },
    ...overrides,
  };
}
