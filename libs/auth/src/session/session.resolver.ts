import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { authError } from '../auth-error';
import { CSRF_COOKIE, CSRF_HEADER, readCookie, SESSION_COOKIE } from './cookies';
import { sameToken, type Session, SessionStore } from './session.store';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ResolvedSession {
  /** The cookie value (needed to rotate or end the session). */
  id: string;
  session: Session;
}

/**
 * The session behind the mc_session cookie, with the CSRF check every state-changing request by cookie
 * must pass: the mc_csrf cookie and the X-CSRF-Token header both present, equal, and the session's own.
 */
@Injectable()
export class SessionResolver {
  constructor(private readonly store: SessionStore) {}

  presented(req: Request): boolean {
    return readCookie(req, SESSION_COOKIE) !== undefined;
  }

  async resolve(req: Request): Promise<ResolvedSession | null> {
    const id = readCookie(req, SESSION_COOKIE);
    if (id === undefined) return null;
    const session = await this.store.find(id);
    if (!session) return null;
    if (!SAFE_METHODS.has(req.method)) checkCsrf(req, session);
    return { id, session };
  }
}

function checkCsrf(req: Request, session: Session): void {
  const cookie = readCookie(req, CSRF_COOKIE);
  const header = req.headers[CSRF_HEADER];
  if (cookie === undefined || typeof header !== 'string' || header === '') {
    throw authError(
      403,
      'CSRF_TOKEN_MISSING',
      'A request signed in by cookie must send the mc_csrf cookie value in the X-CSRF-Token header.',
    );
  }
  if (!sameToken(cookie, header) || !sameToken(header, session.csrfToken)) {
    throw authError(
      403,
      'CSRF_TOKEN_MISMATCH',
      'The X-CSRF-Token header does not match this session; reload /auth/me.',
    );
  }
}
