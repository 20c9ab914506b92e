import { createHash, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { toDataURL } from 'qrcode';
import { DataSource } from 'typeorm';
import { queryRows } from '@contingency/ledger';
import { authError } from '../auth-error';

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as a PNG data URL, for the console to show. */
  qrCode: string;
  /** Shown once; only their hashes are stored. Each works once, instead of a code. */
  recoveryCodes: string[];
}

const ISSUER = 'Mosaic Contingency';
const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
// One step (30 s) either side for phone clocks that drift.
const TOLERANCE_SECONDS = 30;

// Random 10-character codes (about 50 bits): a plain SHA-256 is enough, as for API keys.
const hashCode = (code: string): string =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

function recoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Our second factor for IdP logins without MFA: TOTP (RFC 6238) with one-time recovery codes. */
@Injectable()
export class TotpService {
  constructor(private readonly dataSource: DataSource) {}

  async enrolled(principal: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM mfa_totp WHERE principal = $1 AND confirmed_at IS NOT NULL',
      [principal],
    );
    return rows.length > 0;
  }

  /** A new secret (replacing an unconfirmed one); refused once a secret is confirmed. */
  async enrol(principal: string): Promise<TotpEnrolment> {
    const secret = generateSecret();
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await this.dataSource.transaction(async (tx) => {
      const rows = await queryRows(
        tx,
        `INSERT INTO mfa_totp (principal, secret) VALUES ($1, $2)
         ON CONFLICT (principal) DO UPDATE SET secret = EXCLUDED.secret, last_step = NULL, created_at = now()
           WHERE mfa_totp.confirmed_at IS NULL
         RETURNING principal`,
        [principal, secret],
      );
      if (rows.length === 0) {
        throw authError(
          403,
          'TOTP_ALREADY_ENROLLED',
          'TOTP is already set up for you; verify a code instead.',
        );
      }
      await tx.query('DELETE FROM mfa_recovery_codes WHERE principal = $1', [principal]);
      await tx.query(`INSERT INTO mfa_recovery_codes (principal, code_hash) SELECT $1, unnest($2::text[])`, [
        principal,
        recoveryCodes.map(hashCode),
      ]);
    });
    const otpauthUrl = generateURI({ issuer: ISSUER, label: principal, secret });
    return { secret, otpauthUrl, qrCode: await toDataURL(otpauthUrl), recoveryCodes };
  }

  /** Checks a 6-digit code; the first good one confirms the enrolment. A code is never accepted twice. */
  async verifyCode(principal: string, code: string): Promise<boolean> {
    if (!/^\d{6}$/.test(code)) return false;
    const rows = await this.dataSource.query<Array<{ secret: string; last_step: string | null }>>(
      'SELECT secret, last_step FROM mfa_totp WHERE principal = $1',
      [principal],
    );
    const row = rows[0];
    if (!row) return false;
    const result = verifySync({
      secret: row.secret,
      token: code,
      epochTolerance: TOLERANCE_SECONDS,
      ...(row.last_step !== null && { afterTimeStep: Number(row.last_step) }),
    });
    // A TOTP result carries the time step it matched; remembering it refuses the same code twice.
    if (!result.valid || !('timeStep' in result)) return false;
    const updated = await queryRows(
      this.dataSource.manager,
      `UPDATE mfa_totp SET last_step = $2, confirmed_at = COALESCE(confirmed_at, now())
        WHERE principal = $1 AND (last_step IS NULL OR last_step < $2) RETURNING principal`,
      [principal, result.timeStep],
    );
    return updated.length > 0;
  }

  /** A recovery code of a confirmed enrolment, once. */
  async useRecoveryCode(principal: string, code: string): Promise<boolean> {
    const rows = await queryRows(
      this.dataSource.manager,
      `UPDATE mfa_recovery_codes r SET used_at = now()
         FROM mfa_totp t
        WHERE r.principal = $1 AND r.code_hash = $2 AND r.used_at IS NULL
          AND t.principal = r.principal AND t.confirmed_at IS NOT NULL
        RETURNING r.principal`,
      [principal, hashCode(code)],
    );
    return rows.length > 0;
  }
}
