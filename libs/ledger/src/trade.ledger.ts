import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  TRADE_STATUSES,
  type OrderType,
  type Route,
  type RowError,
  type TradeStatus,
} from '@contingency/contracts';
import { TradeHistoryEntity } from './entities/trade-history.entity';
import { TradeEntity, type ExternalRefs, type TradeCells } from './entities/trade.entity';
import { ConcurrentUpdateError, NotFoundError } from './errors';
import type { OrderSource } from './orders/order-from-trade';
import { OutboxWriter } from './outbox.writer';
import { chunk, hydrate, json, queryRows, requireTransaction, valuesList } from './sql';
import { assertTransition } from './trade-state-machine';
import {
  appendHistory,
  type ChangedTrade,
  PATCH_COLUMNS,
  patchParam,
  setBasedUpdate,
  statusChangedHistory,
  statusChangedMessage,
} from './trade-status-change';

export interface NewTrade {
  /** Generated when missing; insertReceived returns the ids in input order. */
  id?: string;
  batchId: string;
  rowNumber: number;
  cells: TradeCells;
  /** Default: the trimmed cells. */
  clientRef?: string;
  accountId?: string;
}

/** The typed fields validation derives from the cells (null where a cell was empty or unusable). */
export interface TradeFields {
  clientRef: string;
  accountId: string;
  orderType: OrderType | null;
  fundIsin: string | null;
  amount: string | null;
  currency: string | null;
  units: string | null;
  tradeDate: string | null;
  settlementDate: string | null;
  comment: string | null;
}

/** The mutable columns; externalRefs is merged into the stored object (jsonb ||), never replaces it. */
export type TradePatch = Partial<
  TradeFields & {
    route: Route | null;
    orderRef: string | null;
    externalRefs: ExternalRefs;
    errors: RowError[];
    possibleDuplicate: boolean;
  }
>;

export interface TradeChange {
  actor: string;
  reason?: string;
  /** The version the caller decided on; default: the version read here. */
  expectedVersion?: number;
  set?: TradePatch;
  details?: Record<string, unknown>;
}

/** One trade's change in TradeLedger.transitionMany. */
export interface BulkTransition {
  id: string;
  /** The version the decision was reached on. */
  expectedVersion: number;
  to: TradeStatus;
  set?: TradePatch;
  reason?: string;
  details?: Record<string, unknown>;
}

/** TradeLedger.moveBatch: every trade of a batch in one status to the next (approval, rejection). */
export interface BatchMove {
  from: TradeStatus;
  to: TradeStatus;
  actor: string;
  reason?: string;
  /** The order reference each trade gets (release). */
  orderRef?: (tradeId: string) => string;
}

/** A trade of a batch as moveBatch read it: its order fields, route and version. */
export type BatchTrade = OrderSource & { rowNumber: number; route: Route | null; version: number };

const MOVE_CHUNK = 2_000;

/** One trade's verdict in TradeLedger.recordValidation. */
export interface ValidationRecord extends BulkTransition {
  to: Extract<TradeStatus, 'VALID' | 'INVALID'>;
  set: TradePatch;
}

/** The history reason of an INVALID verdict: its distinct error codes. */
export const invalidReason = (errors: readonly RowError[]): string | undefined =>
  [...new Set(errors.map((e) => e.code))].join(', ') || undefined;

const INSERT_COLUMNS = '(id, batch_id, row_number, cells, client_ref, account_id, status)';
const INSERT_TEMPLATES = ['?::uuid', '?::uuid', '?::integer', '?::jsonb', '?', '?', "'RECEIVED'"];

/**
 * The trade ledger behind intent-named methods. Every status change goes through `transition`, or for
 * validation's chunks its set-based twin `recordValidation`: legal per TRADE_TRANSITIONS, optimistic on
 * `version`, with its history row and trades.status.v1 message written in the caller's transaction.
 */
@Injectable()
export class TradeLedger {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Bulk insert of a file's rows as RECEIVED. No status message: the gateway publishes trades.received.v1. */
  async insertReceived(
    tx: EntityManager,
    rows: readonly NewTrade[],
    actor = 'upload-gateway',
  ): Promise<string[]> {
    requireTransaction(tx, 'TradeLedger.insertReceived');
    const ids = rows.map((r) => r.id ?? randomUUID());
    for (const part of chunk(rows.map((row, i) => ({ row, id: ids[i] })))) {
      await queryRows(
        tx,
        `INSERT INTO trades ${INSERT_COLUMNS} VALUES ${valuesList(part.length, INSERT_TEMPLATES)}`,
        part.flatMap(({ row, id }) => [
          id,
          row.batchId,
          row.rowNumber,
          json(row.cells),
          row.clientRef ?? row.cells.clientRef.trim(),
          row.accountId ?? row.cells.accountId.trim(),
        ]),
      );
      await queryRows(
        tx,
        `INSERT INTO trade_history (trade_id, event, to_status, actor)
         SELECT id, 'RECEIVED', 'RECEIVED', $2 FROM unnest($1::uuid[]) AS id`,
        [part.map((p) => p.id), actor],
      );
    }
    return ids;
  }

  async transition(
    tx: EntityManager,
    tradeId: string,
    to: TradeStatus,
    change: TradeChange,
  ): Promise<TradeEntity> {
    requireTransaction(tx, 'TradeLedger.transition');
    const current = await this.findById(tx, tradeId);
    const version = change.expectedVersion ?? current.version;
    if (current.version !== version) throw new ConcurrentUpdateError('trade', tradeId, version);
    assertTransition(current.status, to, tradeId);

    const params: unknown[] = [tradeId, version, to];
    const sets = ['status = $3', 'version = version + 1', 'updated_at = now()'];
    // Only known columns: a caller's wider object (extra keys) must not reach the SQL.
    for (const [key, { column, cast, merge }] of Object.entries(PATCH_COLUMNS)) {
      const value = change.set?.[key as keyof TradePatch];
      if (value === undefined) continue;
      const param = `$${params.push(patchParam(key as keyof TradePatch, value))}${cast ? `::${cast}` : ''}`;
      sets.push(merge ? `${column} = ${column} || ${param}` : `${column} = ${param}`);
    }
    const [row] = await queryRows(
      tx,
      `UPDATE trades SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING *`,
      params,
    );
    if (!row) throw new ConcurrentUpdateError('trade', tradeId, version);
    const updated = hydrate(tx, TradeEntity, row);

    const statusChange = {
      from: current.status,
      to,
      actor: change.actor,
      reason: change.reason,
      details: change.details,
    };
    await appendHistory(tx, [statusChangedHistory(tradeId, statusChange)]);
    await this.outbox.enqueue(tx, [statusChangedMessage(updated, statusChange)]);
    return updated;
  }

  /** Validation's verdicts on a chunk: `transitionMany` for VALID / INVALID. */
  recordValidation(tx: EntityManager, records: readonly ValidationRecord[], actor: string): Promise<void> {
    return this.transitionMany(tx, records, actor);
  }

  /**
   * Many status changes with every guarantee of `transition` for each trade (legal per the state table,
   * at its expected version, one history row and one trades.status.v1 message) in four statements —
   * a validation chunk, a delivery batch. All or nothing: the first stale, missing or illegal trade
   * throws before anything is written, and a version that moves during the UPDATE throws
   * ConcurrentUpdateError (roll back).
   */
  async transitionMany(tx: EntityManager, records: readonly BulkTransition[], actor: string): Promise<void> {
    requireTransaction(tx, 'TradeLedger.transitionMany');
    if (records.length === 0) return;
    const ids = records.map((r) => r.id);
    if (new Set(ids).size !== ids.length)
      throw new Error('transitionMany: a trade appears twice in the chunk');
    const stored = new Map(
      (
        await queryRows<{ id: string; status: TradeStatus; version: number }>(
          tx,
          'SELECT id, status, version FROM trades WHERE id = ANY($1::uuid[])',
          [ids],
        )
      ).map((row) => [row.id, row]),
    );
    const changes = records.map((record) => {
      const current = stored.get(record.id);
      if (!current) throw new NotFoundError('trade', record.id);
      if (current.version !== record.expectedVersion)
        throw new ConcurrentUpdateError('trade', record.id, record.expectedVersion);
      assertTransition(current.status, record.to, record.id);
      const { to, reason, details } = record;
      return { record, change: { from: current.status, to, actor, reason, details } };
    });

    const { sql, params } = setBasedUpdate(records);
    const updated = new Map((await queryRows<ChangedTrade>(tx, sql, params)).map((row) => [row.id, row]));
    const lost = records.find((r) => !updated.has(r.id));
    if (lost) throw new ConcurrentUpdateError('trade', lost.id, lost.expectedVersion);

    await appendHistory(
      tx,
      changes.map(({ record, change }) => statusChangedHistory(record.id, change)),
    );
    await this.outbox.enqueue(
      tx,
      changes.map(({ record, change }) => statusChangedMessage(updated.get(record.id)!, change)),
    );
  }

  markValid(
    tx: EntityManager,
    id: string,
    v: { route: Route; possibleDuplicate: boolean; fields: Partial<TradeFields> },
    actor: string,
  ): Promise<TradeEntity> {
    return this.transition(tx, id, 'VALID', {
      actor,
      set: { ...v.fields, route: v.route, possibleDuplicate: v.possibleDuplicate },
    });
  }

  markInvalid(tx: EntityManager, id: string, errors: RowError[], actor: string): Promise<TradeEntity> {
    return this.transition(tx, id, 'INVALID', { actor, reason: invalidReason(errors), set: { errors } });
  }

  release(tx: EntityManager, id: string, orderRef: string, actor: string): Promise<TradeEntity> {
    return this.transition(tx, id, 'RELEASED', { actor, set: { orderRef } });
  }

  markDispatched(
    tx: EntityManager,
    id: string,
    externalRefs: ExternalRefs,
    actor: string,
  ): Promise<TradeEntity> {
    return this.transition(tx, id, 'DISPATCHED', { actor, set: { externalRefs } });
  }

  markAcknowledged(
    tx: EntityManager,
    id: string,
    externalRefs: ExternalRefs,
    actor: string,
  ): Promise<TradeEntity> {
    return this.transition(tx, id, 'ACKNOWLEDGED', { actor, set: { externalRefs } });
  }

  markConfirmed(
    tx: EntityManager,
    id: string,
    details: Record<string, unknown>,
    actor: string,
  ): Promise<TradeEntity> {
    return this.transition(tx, id, 'CONFIRMED', { actor, details });
  }

  markNacked(tx: EntityManager, id: string, reason: string, actor: string): Promise<TradeEntity> {
    return this.transition(tx, id, 'NACKED', { actor, reason });
  }

  markOutcomeUnknown(tx: EntityManager, id: string, reason: string, actor: string): Promise<TradeEntity> {
    return this.transition(tx, id, 'OUTCOME_UNKNOWN', { actor, reason });
  }

  markDeadLettered(tx: EntityManager, id: string, reason: string, actor: string): Promise<TradeEntity> {
    return this.transition(tx, id, 'DEAD_LETTERED', { actor, reason });
  }

  cancel(tx: EntityManager, id: string, actor: string, reason?: string): Promise<TradeEntity> {
    return this.transition(tx, id, 'CANCELLED', { actor, reason });
  }

  /** History without a status change: a delivery attempt, a failover decision, a replay request... */
  async recordEvent(
    tx: EntityManager,
    tradeId: string,
    event: string,
    actor: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    requireTransaction(tx, 'TradeLedger.recordEvent');
    await appendHistory(tx, [{ tradeId, event, actor, details }]);
  }

  /** Many history rows without a status change, in one statement (a delivery claim of 64 attempts). */
  async recordEvents(
    tx: EntityManager,
    events: ReadonlyArray<{ tradeId: string; event: string; details?: Record<string, unknown> }>,
    actor: string,
  ): Promise<void> {
    requireTransaction(tx, 'TradeLedger.recordEvents');
    await appendHistory(
      tx,
      events.map((e) => ({ ...e, actor })),
    );
  }

  /**
   * Moves every trade of a batch in status `from` to `change.to`, chunk by chunk in row order, each chunk
   * locked and moved by `transitionMany` (history and status messages included); `each` gets every
   * moved chunk, as it was read (to emit orders). Returns how many moved.
   */
  async moveBatch(
    tx: EntityManager,
    batchId: string,
    change: BatchMove,
    each: (moved: BatchTrade[]) => Promise<void> = () => Promise.resolve(),
  ): Promise<number> {
    requireTransaction(tx, 'TradeLedger.moveBatch');
    let afterRow = 0;
    let total = 0;
    for (;;) {
      const chunk = await queryRows<BatchTrade>(
        tx,
        `SELECT id, batch_id AS "batchId", row_number AS "rowNumber", client_ref AS "clientRef",
                account_id AS "accountId", order_type AS "orderType", fund_isin AS "fundIsin",
                amount::text AS amount, currency, units::text AS units, trade_date::text AS "tradeDate",
                settlement_date::text AS "settlementDate", route, version
         FROM trades WHERE batch_id = $1 AND status = $2 AND row_number > $3
         ORDER BY row_number LIMIT $4 FOR UPDATE`,
        [batchId, change.from, afterRow, MOVE_CHUNK],
      );
      if (chunk.length === 0) return total;
      afterRow = chunk[chunk.length - 1].rowNumber;
      await this.transitionMany(
        tx,
        chunk.map((t) => ({
          id: t.id,
          expectedVersion: t.version,
          to: change.to,
          reason: change.reason,
          ...(change.orderRef && { set: { orderRef: change.orderRef(t.id) } }),
        })),
        change.actor,
      );
      await each(chunk);
      total += chunk.length;
    }
  }

  /** The current status and version of these trades, locked until the transaction ends. */
  async lockStates(
    tx: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, { status: TradeStatus; version: number }>> {
    requireTransaction(tx, 'TradeLedger.lockStates');
    const rows = await queryRows<{ id: string; status: TradeStatus; version: number }>(
      tx,
      'SELECT id, status, version FROM trades WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [ids],
    );
    return new Map(rows.map(({ id, ...state }) => [id, state]));
  }

  /** Throws NotFoundError when there is no such trade. */
  async findById(manager: EntityManager, id: string): Promise<TradeEntity> {
    const trade = await manager.findOneBy(TradeEntity, { id });
    if (!trade) throw new NotFoundError('trade', id);
    return trade;
  }

  /** The trade an outside answer (TA ACK, Calastone status report) names by our order reference. */
  findByOrderRef(manager: EntityManager, orderRef: string): Promise<TradeEntity | null> {
    return manager.findOneBy(TradeEntity, { orderRef });
  }

  findByBatch(manager: EntityManager, batchId: string, status?: TradeStatus): Promise<TradeEntity[]> {
    return manager.find(TradeEntity, {
      where: status ? { batchId, status } : { batchId },
      order: { rowNumber: 'ASC' },
    });
  }

  history(manager: EntityManager, tradeId: string): Promise<TradeHistoryEntity[]> {
    return manager.find(TradeHistoryEntity, { where: { tradeId }, order: { id: 'ASC' } });
  }

  /** Every status with its count (zero included) for one batch. */
  async countByStatus(manager: EntityManager, batchId: string): Promise<Record<TradeStatus, number>> {
    const rows = await queryRows<{ status: TradeStatus; count: number }>(
      manager,
      'SELECT status, count(*)::int AS count FROM trades WHERE batch_id = $1 GROUP BY status',
      [batchId],
    );
    const counts = Object.fromEntries(TRADE_STATUSES.map((s) => [s, 0])) as Record<TradeStatus, number>;
    for (const { status, count } of rows) counts[status] = count;
    return counts;
  }
}
