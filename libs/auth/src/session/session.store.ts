import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from '@contingency/contracts';
import { queryRows } from '@contingency/ledger';
import { CLOCK, type Clock } from './clock';

/** How the second factor was proven: by the IdP, by our TOTP, or not yet (no role until it is). */
export type MfaState = 'idp' | 'totp' | 'pending';

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export const SESSION_TIMEOUTS = Symbol('SESSION_TIMEOUTS');

export interface NewSession {
  principal: string;
  displayName: string;
  roles: readonly Role[];
  mfa: MfaState;
  nameId?: string;
  nameIdFormat?: string;
  idpSessionIndex?: string;
}

export interface Session extends NewSession {
  /** Only the SHA-256 of the cookie value is stored; this is that hash. */
  idHash: string;
  csrfToken: string;
  createdAt: Date;
  absoluteExpiresAt: Date;
}

interface SessionRow {
  id_hash: string;
  principal: string;
  display_name: string;
  roles: string[];
  mfa: MfaState;
  csrf_token: string;
  name_id: string | null;
  name_id_format: string | null;
  idp_session_index: string | null;
  created_at: Date;
  last_seen_at: Date;
  absolute_expires_at: Date;
}

// A busy console would otherwise write on every request; idle timeouts are minutes, so this is exact enough.
const TOUCH_EVERY_MS = 15_000;

const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

/** Server-side browser sessions in PostgreSQL: the cookie holds a random id, the row holds everything. */
@Injectable()
export class SessionStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SESSION_TIMEOUTS) private readonly timeouts: SessionTimeouts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A new session (a new id every login: never one the browser had before); returns the cookie values. */
  async create(
    session: NewSession,
    absoluteExpiresAt = new Date(this.clock.now().getTime() + this.timeouts.absoluteMs),
  ): Promise<{ id: string; csrfToken: string; session: Session }> {
    const id = token();
    const csrfToken = token();
    const now = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO sessions (id_hash, principal, display_name, roles, mfa, csrf_token, name_id, name_id_format,
                             idp_session_index, created_at, last_seen_at, absolute_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)`,
      [
        hashId(id),
        session.principal,
        session.displayName,
        [...new Set(session.roles)],
        session.mfa,
        csrfToken,
        session.nameId ?? null,
        session.nameIdFormat ?? null,
        session.idpSessionIndex ?? null,
        now,
        absoluteExpiresAt,
      ],
    );
    return {
      id,
      csrfToken,
      session: { ...session, idHash: hashId(id), csrfToken, createdAt: now, absoluteExpiresAt },
    };
  }

  /** The live session behind a cookie value, touched; null (and deleted) once idle or past its absolute end. */
  async find(id: string): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const idHash = hashId(id);
    const rows = await this.dataSource.query<SessionRow[]>('SELECT * FROM sessions WHERE id_hash = $1', [
      idHash,
    ]);
    const row = rows[0];
    if (!row) return null;
    const now = this.clock.now().getTime();
    const idleEnd = new Date(row.last_seen_at).getTime() + this.timeouts.idleMs;
    if (now >= idleEnd || now >= new Date(row.absolute_expires_at).getTime()) {
      await this.dataSource.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
      return null;
    }
    if (now - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
      await this.dataSource.query('UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1', [
        idHash,
        new Date(now),
      ]);
    }
    return toSession(row);
  }

  /** After the TOTP step: the same person, a new id (privileges changed), the second factor recorded. */
  async upgradeMfa(
    id: string,
    mfa: Exclude<MfaState, 'pending'>,
  ): Promise<{ id: string; csrfToken: string } | null> {
    const current = await this.find(id);
    if (!current) return null;
    await this.destroy(id);
    // The absolute end stays where the login put it.
    const { id: newId, csrfToken } = await this.create({ ...current, mfa }, current.absoluteExpiresAt);
    return { id: newId, csrfToken };
  }

  async destroy(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sessions WHERE id_hash = $1', [hashId(id)]);
  }

  /**
   * Ends every session of one IdP login (SAML Single Logout): the NameID's sessions, only those of the
   * given SessionIndex when the IdP names one. Returns who they were, for the audit.
   */
  async destroyIdpLogin(
    nameId: string,
    idpSessionIndex?: string,
  ): Promise<Array<{ principal: string; idHash: string }>> {
    const rows = await queryRows<{ principal: string; id_hash: string }>(
      this.dataSource.manager,
      `DELETE FROM sessions WHERE name_id = $1 AND ($2::text IS NULL OR idp_session_index = $2)
       RETURNING principal, id_hash`,
      [nameId, idpSessionIndex ?? null],
    );
    return rows.map((row) => ({ principal: row.principal, idHash: row.id_hash }));
  }
}

/** Constant-time comparison of two tokens of any length. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function toSession(row: SessionRow): Session {
  return {
    idHash: row.id_hash,
    principal: row.principal,
    displayName: row.display_name,
    roles: row.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    mfa: row.mfa,
    csrfToken: row.csrf_token,
    ...(row.name_id !== null && { nameId: row.name_id }),
    ...(row.name_id_format !== null && { nameIdFormat: row.name_id_format }),
    ...(row.idp_session_index !== null && { idpSessionIndex: row.idp_session_index }),
    createdAt: new Date(row.created_at),
    absoluteExpiresAt: new Date(row.absolute_expires_at),
  };
}
