import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Role } from '@contingency/contracts';
import { authError, AuthErrorFilter } from '../auth-error';
import { Public } from '../roles.decorator';
import { SamlLogout } from '../saml/saml-logout.service';
import { clearSessionCookies } from './cookies';
import { LOGIN_AUDIT_ACTIONS, LoginAudit } from './login-audit';
import { SessionCookiePolicy } from './session-cookie-policy';
import { type ResolvedSession, SessionResolver } from './session.resolver';
import { type MfaState, SessionStore } from './session.store';

export interface MeResponse {
  principal: string;
  displayName: string;
  roles: Role[];
  mfa: MfaState;
  csrfToken: string;
}

export function meResponse({ session }: ResolvedSession): MeResponse {
  return {
    principal: session.principal,
    displayName: session.displayName,
    roles: session.mfa === 'pending' ? [] : [...session.roles],
    mfa: session.mfa,
    csrfToken: session.csrfToken,
  };
}

/** Requires a live session (the CSRF check included for POST); 401 otherwise. */
export async function requireSession(sessions: SessionResolver, req: Request): Promise<ResolvedSession> {
  const resolved = await sessions.resolve(req);
  if (!resolved) throw authError(401, 'UNAUTHENTICATED', 'Not signed in: start at /auth/saml/login.');
  return resolved;
}

/** The console's view of its session. Public routes: a session still waiting for MFA may call them. */
@ApiExcludeController()
@UseFilters(AuthErrorFilter)
@Controller('auth')
export class SessionController {
  constructor(
    private readonly sessions: SessionResolver,
    private readonly store: SessionStore,
    private readonly cookies: SessionCookiePolicy,
    private readonly audit: LoginAudit,
    private readonly samlLogout: SamlLogout,
  ) {}

  @Public()
  @Get('me')
  async me(@Req() req: Request): Promise<MeResponse> {
    return meResponse(await requireSession(this.sessions, req));
  }

  /**
   * Ends the session here; with SAML Single Logout, 200 `{ redirect }` (the IdP's logout URL with our
   * signed LogoutRequest) for the console to navigate to, otherwise 204.
   */
  @Public()
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { id, session } = await requireSession(this.sessions, req);
    await this.store.destroy(id);
    clearSessionCookies(res, this.cookies.policy);
    await this.audit.record({
      actor: session.principal,
      action: LOGIN_AUDIT_ACTIONS.logout,
      outcome: 'SUCCESS',
      targetId: session.idHash.slice(0, 16),
      sourceIp: req.ip,
    });
    const redirect = await this.samlLogout.requestUrl(session);
    if (redirect === undefined) res.status(204).end();
    else res.status(200).json({ redirect });
  }
}
