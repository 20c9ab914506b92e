import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sign-in (libs/auth, raw SQL, no entity): server-side sessions keyed by the SHA-256 of the
 * cookie value, the SAML request ids awaiting their response (shared by every instance, so InResponseTo
 * is checked wherever the response lands), the assertion ids already used (a replay is refused until
 * the assertion expires), and each person's TOTP secret and hashed recovery codes.
 */
export class Sessions1796401000000 implements MigrationInterface {
  name = 'Sessions1796401000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id_hash             text PRIMARY KEY,
        principal           text NOT NULL,
        display_name        text NOT NULL,
        roles               text[] NOT NULL,
        mfa                 text NOT NULL CHECK (mfa IN ('idp', 'totp', 'pending')),
        csrf_token          text NOT NULL,
        name_id             text,
        name_id_format      text,
        idp_session_index   text,
        created_at          timestamptz NOT NULL,
        last_seen_at        timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_principal ON sessions (principal)`);
    await q.query(`CREATE INDEX sessions_absolute_expires_at ON sessions (absolute_expires_at)`);

    await q.query(`
      CREATE TABLE saml_requests (
        id         text PRIMARY KEY,
        value      text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE saml_assertions_seen (
        assertion_id text PRIMARY KEY,
        expires_at   timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE mfa_totp (
        principal    text PRIMARY KEY,
        secret       text NOT NULL,
        confirmed_at timestamptz,
        last_step    bigint,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE mfa_recovery_codes (
        principal text NOT NULL REFERENCES mfa_totp (principal) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at   timestamptz,
        PRIMARY KEY (principal, code_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'mfa_recovery_codes',
      'mfa_totp',
      'saml_assertions_seen',
      'saml_requests',
      'sessions',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
