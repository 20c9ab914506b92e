import type { EntityManager } from 'typeorm';

// Any fixed 64-bit number: concurrent loads would otherwise both DELETE, then collide on INSERT.
const FUND_MASTER_LOCK_ID = 4_201_777_101;

/** Serialises replacements of the fund master until the caller's transaction ends; readers never wait. */
export async function lockFundMaster(tx: EntityManager): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [FUND_MASTER_LOCK_ID]);
}
