/** Errors the ledger raises; `code` is what HTTP filters and bus error switches decide on. */
export class IllegalTransitionError extends Error {
  readonly code = 'ILLEGAL_TRANSITION';

  constructor(
    readonly entity: 'trade' | 'batch',
    readonly id: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${entity} ${id} cannot move from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Someone else changed the row since we read it (optimistic lock lost); re-read and decide again. */
export class ConcurrentUpdateError extends Error {
  readonly code = 'CONCURRENT_UPDATE';

  constructor(
    readonly entity: 'trade' | 'batch',
    readonly id: string,
    readonly expectedVersion: number,
  ) {
    super(`${entity} ${id} was changed concurrently (expected version ${expectedVersion})`);
    this.name = 'ConcurrentUpdateError';
  }
}

export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';

  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/** The same file bytes were already uploaded as a batch that did not fail (the gateway answers 409). */
export class DuplicateBatchError extends Error {
  readonly code = 'DUPLICATE_BATCH';

  constructor(
    readonly sha256: string,
    readonly existingBatchId: string,
  ) {
    super(`this file was already uploaded as batch ${existingBatchId}`);
    this.name = 'DuplicateBatchError';
  }
}
