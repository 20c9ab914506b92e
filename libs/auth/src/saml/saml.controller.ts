import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { authError, AuthErrorFilter } from '../auth-error';
import { RateLimit } from '../rate-limit';
import { Public } from '../roles.decorator';
import { readCookie, SESSION_COOKIE, setSessionCookies } from '../session/cookies';
import { LOGIN_AUDIT_ACTIONS, LoginAudit } from '../session/login-audit';
import { SessionStore } from '../session/session.store';
import { SessionCookiePolicy } from '../session/session-cookie-policy';
import { safeReturnTo } from './return-to';
import { SamlLogin, SamlRejection } from './saml-login.service';

// Per address: a person signs in a few times a day; a script hammering the login does not.
const LOGIN_RATE_LIMIT = { key: 'ip', limit: 20, windowSeconds: 60 } as const;

/** SAML 2.0 Web SSO, SP side: metadata, login start (redirect binding), assertion consumer (POST). */
@ApiExcludeController()
@UseFilters(AuthErrorFilter)
@Controller('auth/saml')
export class SamlController {
  constructor(
    private readonly saml: SamlLogin,
    private readonly sessions: SessionStore,
    private readonly cookies: SessionCookiePolicy,
    private readonly audit: LoginAudit,
  ) {}

  @Public()
  @Get('metadata')
  @Header('Content-Type', 'application/samlmetadata+xml')
  metadata(): string {
    return this.saml.metadata();
  }

  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @Get('login')
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.saml.loginUrl(safeReturnTo(returnTo)));
  }

  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @Post('acs')
  @HttpCode(303)
  async acs(
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    let login;
    try {
      login = await this.saml.acs(body?.SAMLResponse);
    } catch (error) {
      if (!(error instanceof SamlRejection)) throw error;
      await this.audit.record({
        actor: 'anonymous',
        action: LOGIN_AUDIT_ACTIONS.loginFailed,
        outcome: 'DENIED',
        sourceIp: req.ip,
        details: { reason: error.reason },
      });
      throw authError(401, 'SAML_RESPONSE_REJECTED', `The sign-in response was refused: ${error.reason}.`);
    }
    // Rotation: whatever session this browser had ends; the login gets a new id.
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous !== undefined) await this.sessions.destroy(previous);
    const created = await this.sessions.create(login);
    await this.audit.record({
      actor: login.principal,
      action: LOGIN_AUDIT_ACTIONS.loginSucceeded,
      outcome: 'SUCCESS',
      targetId: created.session.idHash.slice(0, 16),
      sourceIp: req.ip,
      details: { roles: login.roles, mfa: login.mfa },
    });
    setSessionCookies(res, this.cookies.policy, created.id, created.csrfToken);
    res.redirect(303, safeReturnTo(body?.RelayState));
  }
}
