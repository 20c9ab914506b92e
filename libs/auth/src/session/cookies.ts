import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'mc_session';
export const CSRF_COOKIE = 'mc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The value of one cookie of the request (no cookie-parser needed: only our two names are read). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookiePolicy {
  secure: boolean;
  /** Lifetime of the cookies: the session's absolute timeout. */
  maxAgeMs: number;
}

/** mc_session (HttpOnly) and mc_csrf (readable by the console, which echoes it in X-CSRF-Token). */
export function setSessionCookies(
  res: Response,
  policy: CookiePolicy,
  sessionId: string,
  csrfToken: string,
): void {
  const common = { secure: policy.secure, sameSite: 'lax' as const, path: '/', maxAge: policy.maxAgeMs };
  res.cookie(SESSION_COOKIE, sessionId, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(res: Response, policy: CookiePolicy): void {
  const common = { secure: policy.secure, sameSite: 'lax' as const, path: '/' };
  res.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { ...common, httpOnly: false });
}
