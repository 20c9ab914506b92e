import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BatchStatus, TradeStatus } from '@contingency/contracts';
import { DEAD_BATCH_STATUSES, NOT_LIVE_TRADE_STATUSES } from './liveness';
import type { EconomicFields, NormalisedTrade, TradeCells } from './rules';

/** A trade of the chunk as the ledger holds it, locked for this transaction. */
export interface ChunkTrade {
  id: string;
  batchId: string;
  batchStatus: BatchStatus;
  row: number;
  status: TradeStatus;
  version: number;
  cells: TradeCells;
  /** The ledger's identity columns (the trimmed cells). */
  accountId: string;
  clientRef: string;
}

/** Another trade with the same (account, client_ref): at a lower row of the same batch, or in an earlier batch. */
export interface ClientRefHolder {
  probeId: string;
  tradeId: string;
  row: number;
  status: TradeStatus;
  batchStatus: BatchStatus;
  relation: 'same-batch' | 'earlier-batch';
  /** No lower row of its own batch has the same (account, client_ref). */
  firstInBatch: boolean;
  cells: TradeCells;
}

/** What a decided live trade of the ledger looks like economically, under another client_ref than the probe's. */
export interface EconomicTwin {
  probeId: string;
  tradeId: string;
  clientRef: string;
  fields: EconomicFields;
}

export interface EconomicProbe {
  tradeId: string;
  trade: NormalisedTrade;
}

/**
 * The ledger reads of validation, each one statement for a whole chunk. They only read (and lock the chunk's
 * own trades): every write goes through TradeLedger and BatchLedger.
 */
@Injectable()
export class ValidationLookups {
  /** The chunk's trades, locked in id order (no deadlock between two instances); missing ids are absent. */
  async lockChunk(tx: EntityManager, tradeIds: readonly string[]): Promise<Map<string, ChunkTrade>> {
    const rows = await select<ChunkTrade>(
      tx,
      `SELECT t.id, t.batch_id AS "batchId", b.status AS "batchStatus", t.row_number AS "row", t.status,
              t.version, t.cells, t.account_id AS "accountId", t.client_ref AS "clientRef"
         FROM trades t JOIN batches b ON b.id = t.batch_id
        WHERE t.id = ANY($1::uuid[])
        ORDER BY t.id
          FOR UPDATE OF t`,
      [tradeIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * For each probe, the trades that may make its client_ref a duplicate: lower rows of its batch (any
   * status), and trades of batches uploaded before its own (whatever their status: the caller judges).
   * Served by trades_account_client_ref.
   */
  async findClientRefHolders(tx: EntityManager, probeIds: readonly string[]): Promise<ClientRefHolder[]> {
    if (probeIds.length === 0) return [];
    return select<ClientRefHolder>(
      tx,
      `WITH probe AS (
         SELECT t.id, t.batch_id, t.row_number, t.account_id, t.client_ref, b.uploaded_at
           FROM trades t JOIN batches b ON b.id = t.batch_id
          WHERE t.id = ANY($1::uuid[]) AND t.account_id <> '' AND t.client_ref <> '')
       SELECT p.id AS "probeId", c.id AS "tradeId", c.row_number AS "row", c.status, cb.status AS "batchStatus",
              CASE WHEN c.batch_id = p.batch_id THEN 'same-batch' ELSE 'earlier-batch' END AS relation,
              NOT EXISTS (SELECT 1 FROM trades e
                           WHERE e.account_id = c.account_id AND e.client_ref = c.client_ref
                             AND e.batch_id = c.batch_id AND e.row_number < c.row_number) AS "firstInBatch",
              c.cells
         FROM probe p
         JOIN trades c ON c.account_id = p.account_id AND c.client_ref = p.client_ref AND c.id <> p.id
         JOIN batches cb ON cb.id = c.batch_id
        WHERE (c.batch_id = p.batch_id AND c.row_number < p.row_number)
           OR (c.batch_id <> p.batch_id AND (cb.uploaded_at, cb.id) < (p.uploaded_at, p.batch_id))`,
      [probeIds],
    );
  }

  /**
   * For each probe, the decided live trades (not INVALID/CANCELLED/NACKED, batch not REJECTED/FAILED) with
   * the same account, fund, order type, trade date and numerically equal amount or units, under another
   * client_ref. Served by trades_economic_key; RECEIVED trades are not in it (their typed columns are null).
   */
  async findEconomicTwins(tx: EntityManager, probes: readonly EconomicProbe[]): Promise<EconomicTwin[]> {
    if (probes.length === 0) return [];
    const column = <K extends keyof NormalisedTrade>(key: K) => probes.map(({ trade }) => trade[key]);
    const rows = await select<
      Omit<EconomicTwin, 'fields'> & EconomicFields & { amount: string | null; units: string | null }
    >(
      tx,
      `WITH probe AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
                              $7::numeric[], $8::numeric[])
                    AS p(id, account_id, client_ref, fund_isin, order_type, trade_date, amount, units))
       SELECT p.id AS "probeId", c.id AS "tradeId", c.client_ref AS "clientRef", c.account_id AS "accountId",
              c.fund_isin AS "fundIsin", c.order_type AS "orderType", c.amount::text AS amount,
              c.units::text AS units, c.trade_date::text AS "tradeDate"
         FROM probe p
         JOIN trades c
           ON c.fund_isin IS NOT NULL
          AND trade_economic_key(c.account_id, c.fund_isin, c.order_type, c.trade_date, c.amount, c.units)
            = trade_economic_key(p.account_id, p.fund_isin, p.order_type, p.trade_date, p.amount, p.units)
         JOIN batches b ON b.id = c.batch_id
        WHERE c.id <> p.id AND c.client_ref <> p.client_ref
          AND c.status <> ALL($9::text[]) AND b.status <> ALL($10::text[])`,
      [
        probes.map((p) => p.tradeId),
        column('accountId'),
        column('clientRef'),
        column('fundIsin'),
        column('orderType'),
        column('tradeDate'),
        column('amount'),
        column('units'),
        [...NOT_LIVE_TRADE_STATUSES, 'RECEIVED'],
        DEAD_BATCH_STATUSES,
      ],
    );
    return rows.map(({ probeId, tradeId, clientRef, ...fields }) => ({
      probeId,
      tradeId,
      clientRef,
      fields,
    }));
  }
}

function select<R>(tx: EntityManager, sql: string, params: unknown[]): Promise<R[]> {
  return tx.query<R[]>(sql, params);
}
