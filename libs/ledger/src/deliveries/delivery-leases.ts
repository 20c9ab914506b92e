import type { EntityManager } from 'typeorm';
import { queryRows } from '../sql';

/** The adapters' delivery tables: one row per order owed to a destination, with a lease while in flight. */
export type DeliveryTable = 'casie_deliveries' | 'calastone_deliveries';

/** Who holds a delivery, and until when (the lease; past it, the delivery is due again). */
export interface Claim {
  workerId: string;
  token: string;
  leaseMs: number;
}

/**
 * The lease columns every delivery table shares — next_at, claimed_by, claim_token, outcome — and the
 * statements on them that mean the same in every adapter: one definition of "due", "held" and "orphaned".
 * What a claim counts and what an outcome records stay with each adapter's repository.
 */
export class DeliveryLeases {
  constructor(private readonly table: DeliveryTable) {}

  /** `SET` clauses that take the lease: with the claim's fields as $2 (worker), $3 (token), $4 (lease ms). */
  static readonly TAKE = `claimed_by = $2, claim_token = $3::uuid,
    next_at = now() + $4 * interval '1 millisecond', updated_at = now()`;

  static params(tradeIds: readonly string[], claim: Claim): unknown[] {
    return [tradeIds, claim.workerId, claim.token, claim.leaseMs];
  }

  /** Whether any open delivery is due: an idle worker's one cheap statement. */
  async anyDue(manager: EntityManager): Promise<boolean> {
    const [row] = await queryRows<{ due: boolean }>(
      manager,
      `SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE outcome IS NULL AND next_at <= now()) AS due`,
    );
    return row.due;
  }

  /** Of these deliveries, the ones this claim still holds, locked (a worker past its lease lost them). */
  async lockClaimed(tx: EntityManager, tradeIds: readonly string[], token: string): Promise<Set<string>> {
    if (tradeIds.length === 0) return new Set();
    const rows = await queryRows<{ trade_id: string }>(
      tx,
      `SELECT trade_id FROM ${this.table}
       WHERE trade_id = ANY($1::uuid[]) AND claim_token = $2::uuid AND outcome IS NULL
       FOR UPDATE`,
      [tradeIds, token],
    );
    return new Set(rows.map((r) => r.trade_id));
  }

  /** After a restart under the same worker id: its old claims are orphans, due now. */
  async releaseClaimsOf(manager: EntityManager, workerId: string): Promise<number> {
    const rows = await queryRows(
      manager,
      `UPDATE ${this.table} SET next_at = now(), claimed_by = NULL, claim_token = NULL, updated_at = now()
       WHERE claimed_by = $1 AND outcome IS NULL
       RETURNING trade_id`,
      [workerId],
    );
    return rows.length;
  }
}
