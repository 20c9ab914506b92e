import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The validation service's possible-duplicate lookup: a decided trade's economic identity (account, fund,
 * order type, trade date, amount or units compared as numbers) as one indexed value. Partial on the typed
 * columns, so an upload (RECEIVED rows, typed columns still null) pays nothing for it. One expression
 * only, which TypeORM's schema check does not see (so the entity needs no @Index for it).
 */
export class TradeEconomicKey1796400000000 implements MigrationInterface {
  name = 'TradeEconomicKey1796400000000';

  async up(q: QueryRunner): Promise<void> {
    // A single immutable expression, so PostgreSQL inlines it: an index on it and a query that calls it
    // with the same arguments match. Days since 2000 and trim_scale keep the text free of DateStyle and
    // of numeric scale ('1000.50' = '1000.5').
    await q.query(`
      CREATE FUNCTION trade_economic_key(account_id text, fund_isin text, order_type text, trade_date date,
                                         amount numeric, units numeric)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT md5(account_id || E'\\x1f' || fund_isin || E'\\x1f' || order_type || E'\\x1f'
                   || (trade_date - DATE '2000-01-01')::text || E'\\x1f'
                   || CASE WHEN amount IS NOT NULL THEN 'A' || trim_scale(amount)::text
                           ELSE 'U' || trim_scale(units)::text END)
      $$`);
    await q.query(`
      CREATE INDEX trades_economic_key
        ON trades (trade_economic_key(account_id, fund_isin, order_type, trade_date, amount, units))
        WHERE fund_isin IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX trades_economic_key');
    await q.query('DROP FUNCTION trade_economic_key(text, text, text, date, numeric, numeric)');
  }
}
