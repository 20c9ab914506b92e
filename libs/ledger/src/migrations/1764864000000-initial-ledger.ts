import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's first schema. Statuses are text with CHECK constraints rather than enum types so that a
 * later status is one constraint change. History and audit rows are append-only (trigger-enforced).
 */
export class InitialLedger1764864000000 implements MigrationInterface {
  name = 'InitialLedger1764864000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`
      CREATE TABLE funds (
        isin            char(12) PRIMARY KEY,
        name            text NOT NULL,
        provider        text NOT NULL CHECK (provider IN ('GS', 'NON_GS')),
        currency        char(3) NOT NULL,
        cutoff_time     time NOT NULL,
        timezone        text NOT NULL,
        primary_route   text NOT NULL CHECK (primary_route IN ('CASIE', 'CALASTONE')),
        alternate_route text CHECK (alternate_route IN ('CALASTONE')),
        status          text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT funds_gs_has_no_alternate CHECK (provider <> 'GS' OR alternate_route IS NULL)
      )`);

    await q.query(`
      CREATE TABLE batches (
        id               uuid PRIMARY KEY,
        file_name        text NOT NULL,
        sha256           char(64) NOT NULL,
        size_bytes       bigint NOT NULL,
        status           text NOT NULL CHECK (status IN
                           ('VALIDATING', 'AWAITING_APPROVAL', 'RELEASED', 'COMPLETED', 'REJECTED', 'FAILED')),
        uploaded_by      text NOT NULL,
        uploaded_at      timestamptz NOT NULL DEFAULT now(),
        total_rows       integer NOT NULL DEFAULT 0,
        decided_by       text,
        decided_at       timestamptz,
        decision_comment text,
        failure_code     text,
        failure_message  text,
        version          integer NOT NULL DEFAULT 1,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    // The same bytes twice are one upload; a file refused as a whole may be sent again.
    await q.query(`CREATE UNIQUE INDEX batches_sha256_once ON batches (sha256) WHERE status <> 'FAILED'`);

    await q.query(`
      CREATE TABLE trades (
        id                 uuid PRIMARY KEY,
        batch_id           uuid NOT NULL REFERENCES batches (id),
        row_number         integer NOT NULL,
        cells              jsonb NOT NULL,
        client_ref         text NOT NULL,
        account_id         text NOT NULL,
        order_type         text,
        fund_isin          text,
        amount             numeric(28, 8),
        currency           char(3),
        units              numeric(28, 8),
        trade_date         date,
        settlement_date    date,
        comment            text,
        status             text NOT NULL CHECK (status IN ('RECEIVED', 'VALID', 'INVALID', 'RELEASED', 'DISPATCHED',
                             'ACKNOWLEDGED', 'CONFIRMED', 'NACKED', 'OUTCOME_UNKNOWN', 'DEAD_LETTERED', 'CANCELLED')),
        route              text CHECK (route IN ('CASIE', 'CALASTONE')),
        order_ref          text UNIQUE,
        external_refs      jsonb NOT NULL DEFAULT '{}',
        errors             jsonb NOT NULL DEFAULT '[]',
        possible_duplicate boolean NOT NULL DEFAULT false,
        version            integer NOT NULL DEFAULT 1,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trades_row_once UNIQUE (batch_id, row_number)
      )`);
    await q.query(`CREATE INDEX trades_account_client_ref ON trades (account_id, client_ref)`);
    await q.query(`CREATE INDEX trades_batch_status ON trades (batch_id, status)`);
    await q.query(`CREATE INDEX trades_status ON trades (status)`);

    await q.query(`
      CREATE TABLE trade_history (
        id          bigserial PRIMARY KEY,
        trade_id    uuid NOT NULL REFERENCES trades (id),
        event       text NOT NULL,
        from_status text,
        to_status   text,
        actor       text NOT NULL,
        reason      text,
        details     jsonb NOT NULL DEFAULT '{}',
        at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX trade_history_trade ON trade_history (trade_id, id)`);
    await q.query(`CREATE TRIGGER trade_history_append_only BEFORE UPDATE OR DELETE ON trade_history
                   FOR EACH ROW EXECUTE FUNCTION forbid_change()`);

    await q.query(`
      CREATE TABLE outbox (
        id              bigserial PRIMARY KEY,
        message_id      uuid NOT NULL UNIQUE,
        topic           text NOT NULL,
        key             text NOT NULL,
        payload         jsonb NOT NULL,
        headers         jsonb NOT NULL DEFAULT '{}',
        created_at      timestamptz NOT NULL DEFAULT now(),
        available_at    timestamptz NOT NULL DEFAULT now(),
        claimed_at      timestamptz,
        published_at    timestamptz,
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE published_at IS NULL`);

    await q.query(`
      CREATE TABLE processed_messages (
        consumer     text NOT NULL,
        message_id   text NOT NULL,
        topic        text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        id             bigserial PRIMARY KEY,
        at             timestamptz NOT NULL DEFAULT now(),
        actor          text NOT NULL,
        action         text NOT NULL,
        target_type    text,
        target_id      text,
        outcome        text NOT NULL CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED')),
        source_ip      text,
        correlation_id text,
        details        jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                   FOR EACH ROW EXECUTE FUNCTION forbid_change()`);

    await q.query(`
      CREATE TABLE api_keys (
        id           uuid PRIMARY KEY,
        name         text NOT NULL,
        principal    text NOT NULL,
        key_prefix   text NOT NULL,
        key_hash     text NOT NULL UNIQUE,
        roles        text[] NOT NULL,
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);

    // The embedded (standalone) bus: a durable log with per-group offsets, the same delivery
    // semantics as a Kafka topic (at-least-once, ordered per key) without a broker.
    await q.query(`
      CREATE TABLE bus_log (
        seq        bigserial PRIMARY KEY,
        topic      text NOT NULL,
        key        text NOT NULL,
        message_id text NOT NULL,
        value      text NOT NULL,
        headers    jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX bus_log_topic_seq ON bus_log (topic, seq)`);
    await q.query(`CREATE INDEX bus_log_message ON bus_log (message_id)`);
    await q.query(`
      CREATE TABLE bus_offsets (
        group_id text NOT NULL,
        topic    text NOT NULL,
        next_seq bigint NOT NULL,
        PRIMARY KEY (group_id, topic)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'bus_offsets',
      'bus_log',
      'api_keys',
      'audit_log',
      'processed_messages',
      'outbox',
      'trade_history',
      'trades',
      'batches',
      'funds',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION forbid_change()`);
  }
}
