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

/**
 * The first trade (lowest row) of a batch to use an (account, client_ref), asked for a probe's batch: in that
 * batch itself, or in a batch uploaded before it. Only first uses matter: a later row of a batch with the
 * same reference is an in-file duplicate there, so never holds it.
 */
export interface FirstUse {
  /** The question it answers: this batch, account and client_ref. */
  probeBatchId: string;
  accountId: string;
  clientRef: string;
  tradeId: string;
  row: number;
  status: TradeStatus;
  batchStatus: BatchStatus;
  relation: 'same-batch' | 'earlier-batch';
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
   * For each distinct (batch, account, client_ref) of the probes, its first use in that batch and in each
   * earlier batch (whatever their status: the caller judges). One row per batch, however often a file
   * repeats a reference. Served by trades_account_client_ref.
   */
  async findFirstUses(tx: EntityManager, probeIds: readonly string[]): Promise<FirstUse[]> {
    if (probeIds.length === 0) return [];
    return select<FirstUse>(
      tx,
      `WITH identity AS (
         SELECT DISTINCT t.batch_id, t.account_id, t.client_ref, b.uploaded_at
           FROM trades t JOIN batches b ON b.id = t.batch_id
          WHERE t.id = ANY($1::uuid[]) AND t.account_id <> '' AND t.client_ref <> '')
       SELECT DISTINCT ON (i.batch_id, i.account_id, i.client_ref, c.batch_id)
              i.batch_id AS "probeBatchId", i.account_id AS "accountId", i.client_ref AS "clientRef",
              c.id AS "tradeId", c.row_number AS "row", c.status, cb.status AS "batchStatus",
              CASE WHEN c.batch_id = i.batch_id THEN 'same-batch' ELSE 'earlier-batch' END AS relation,
              c.cells
         FROM identity i
         JOIN trades c ON c.account_id = i.account_id AND c.client_ref = i.client_ref
         JOIN batches cb ON cb.id = c.batch_id
        WHERE c.batch_id = i.batch_id OR (cb.uploaded_at, cb.id) < (i.uploaded_at, i.batch_id)
        ORDER BY i.batch_id, i.account_id, i.client_ref, c.batch_id, c.row_number`,
      [probeIds],
    );
  }

  /**
   * For each probe, one decided live trade (not INVALID/CANCELLED/NACKED, batch not REJECTED/FAILED) with
   * the same account, fund, order type, trade date and numerically equal amount or units, under another
   * client_ref, if there is one. Served by trades_economic_key; RECEIVED trades are not in it (their typed
   * columns are null).
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
       SELECT p.id AS "probeId", c.*
         FROM probe p
         CROSS JOIN LATERAL (
           SELECT c.id AS "tradeId", c.client_ref AS "clientRef", c.account_id AS "accountId",
                  c.fund_isin AS "fundIsin", c.order_type AS "orderType", c.amount::text AS amount,
                  c.units::text AS units, c.trade_date::text AS "tradeDate"
             FROM trades c JOIN batches b ON b.id = c.batch_id
            WHERE c.fund_isin IS NOT NULL
              AND trade_economic_key(c.account_id, c.fund_isin, c.order_type, c.trade_date, c.amount, c.units)
                = trade_economic_key(p.account_id, p.fund_isin, p.order_type, p.trade_date, p.amount, p.units)
              AND c.id <> p.id AND c.client_ref <> p.client_ref
              AND c.status <> ALL($9::text[]) AND b.status <> ALL($10::text[])
            LIMIT 1) c`,
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
