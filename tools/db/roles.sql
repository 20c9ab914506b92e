-- The application's database role: least privilege for the running services.
--
--   psql "$OWNER_DATABASE_URL" -v ON_ERROR_STOP=1 -f tools/db/roles.sql
--
-- Run as the owner of the ledger (the role the migrations run as), after every migration: it is
-- idempotent and grants on the tables that exist now. Services then connect as a login role that is a
-- member of contingency_app (see docs/runbooks/database-roles.md); they never own a table.
--
-- What contingency_app may do:
--   * read and write the operational tables (SELECT, INSERT, UPDATE);
--   * DELETE only where a service removes rows by design (fund master replace, parked ACKs, sessions,
--     SAML replay caches, MFA recovery codes);
--   * only INSERT and SELECT on audit_log and trade_history: evidence is never rewritten, whoever asks
--     (the append-only triggers say the same to the owner);
--   * no DDL: no CREATE in the schema or the database, no TRUNCATE, no REFERENCES, no TRIGGER; it does
--     not own anything, so it cannot ALTER or DROP either.

DO $$
BEGIN
  CREATE ROLE contingency_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL; -- exists already (or another session just made it)
END $$;

-- Nobody but the owner creates objects in this database or its public schema.
DO $$
BEGIN
  EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO contingency_app', current_database());
END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM contingency_app;
GRANT USAGE ON SCHEMA public TO contingency_app;

-- Start from nothing on every table, then grant what the services use.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM contingency_app;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO contingency_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO contingency_app;

DO $$
DECLARE
  deletable text;
BEGIN
  FOREACH deletable IN ARRAY ARRAY[
    'funds', 'unmatched_acks', 'sessions', 'saml_requests', 'saml_assertions_seen', 'mfa_recovery_codes'
  ] LOOP
    IF to_regclass(format('public.%I', deletable)) IS NOT NULL THEN
      EXECUTE format('GRANT DELETE ON public.%I TO contingency_app', deletable);
    END IF;
  END LOOP;
END $$;

-- Evidence: append only.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, trade_history FROM contingency_app;

-- The migration history is the owner's: the services may read it (to check the schema), not write it.
DO $$
BEGIN
  IF to_regclass('public.migrations') IS NOT NULL THEN
    REVOKE INSERT, UPDATE, DELETE ON public.migrations FROM contingency_app;
  END IF;
END $$;
