import { Body, Controller, Get, Header, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { authError, AuthErrorFilter } from '../auth-error';
import { RateLimit } from '../rate-limit';
import { Public } from '../roles.decorator';
import { clearSessionCookies, readCookie, SESSION_COOKIE, setSessionCookies } from '../session/cookies';
import { LOGIN_AUDIT_ACTIONS, LoginAudit } from '../session/login-audit';
import { SessionStore } from '../session/session.store';
import { SessionCookiePolicy } from '../session/session-cookie-policy';
import { safeReturnTo } from './return-to';
import { SamlLogin, SamlRejection } from './saml-login.service';
import { SamlLogout, type SloMessage } from './saml-logout.service';

// Per address: a person signs in a few times a day; a script hammering the login does not.
const LOGIN_RATE_LIMIT = { key: 'ip', limit: 20, windowSeconds: 60 } as const;

/**
 * SAML 2.0 Web SSO, SP side: metadata, login start (redirect binding), assertion consumer (POST), and
 * Single Logout when the IdP offers it.
 */
@ApiExcludeController()
@UseFilters(AuthErrorFilter)
@Controller('auth/saml')
export class SamlController {
  constructor(
    private readonly saml: SamlLogin,
    private readonly sessions: SessionStore,
    private readonly cookies: SessionCookiePolicy,
    private readonly audit: LoginAudit,
    private readonly samlLogout: SamlLogout,
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

  /** Single Logout, HTTP-Redirect binding: the IdP's LogoutResponse, or its LogoutRequest. */
  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @Get('slo')
  async sloRedirect(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const rawQuery = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    await this.slo({ binding: 'redirect', query, rawQuery }, req, res);
  }

  /** Single Logout, HTTP-POST binding. */
  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @Post('slo')
  async sloPost(
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.slo({ binding: 'post', body: body ?? {} }, req, res);
  }

  private async slo(message: SloMessage, req: Request, res: Response): Promise<void> {
    let outcome;
    try {
      outcome = await this.samlLogout.receive(message);
    } catch (error) {
      if (!(error instanceof SamlRejection)) throw error;
      await this.audit.record({
        actor: 'anonymous',
        action: LOGIN_AUDIT_ACTIONS.logoutFailed,
        outcome: 'DENIED',
        sourceIp: req.ip,
        details: { reason: error.reason },
      });
      throw authError(401, 'SAML_LOGOUT_REJECTED', `The logout message was refused: ${error.reason}.`);
    }
    // Our logout came back from the IdP: the session already ended when it started.
    if (outcome.kind === 'logged-out') return res.redirect(303, '/');

    const ended = await this.sessions.destroyIdpLogin(outcome.nameId, outcome.sessionIndex);
    for (const session of ended) {
      await this.audit.record({
        actor: session.principal,
        action: LOGIN_AUDIT_ACTIONS.logout,
        outcome: 'SUCCESS',
        targetId: session.idHash.slice(0, 16),
        sourceIp: req.ip,
        details: { reason: 'idp' },
      });
    }
    if (ended.length > 0) clearSessionCookies(res, this.cookies.policy);
    const relayState = message.binding === 'redirect' ? message.query.RelayState : message.body.RelayState;
    // No session of that login here: UnknownPrincipal, and nothing changed.
    res.redirect(303, await this.samlLogout.responseUrl(outcome.request, relayState, ended.length > 0));
  }
}
