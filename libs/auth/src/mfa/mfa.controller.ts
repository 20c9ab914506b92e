import { Body, Controller, Get, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { authError, AuthErrorFilter } from '../auth-error';
import { Public } from '../roles.decorator';
import { setSessionCookies } from '../session/cookies';
import { LOGIN_AUDIT_ACTIONS, LoginAudit } from '../session/login-audit';
import { SessionCookiePolicy } from '../session/session-cookie-policy';
import { meResponse, type MeResponse, requireSession } from '../session/session.controller';
import { SessionResolver } from '../session/session.resolver';
import { type MfaState, SessionStore } from '../session/session.store';
import { type TotpEnrolment, TotpService } from './totp.service';

/**
 * The TOTP step-up of a session whose IdP login carried no MFA context (or of every session with
 * MFA_REQUIRE_TOTP). Public routes guarded by the session itself: a pending session has no role yet.
 */
@ApiExcludeController()
@UseFilters(AuthErrorFilter)
@Controller('auth/mfa')
export class MfaController {
  constructor(
    private readonly sessions: SessionResolver,
    private readonly store: SessionStore,
    private readonly totp: TotpService,
    private readonly cookies: SessionCookiePolicy,
    private readonly audit: LoginAudit,
  ) {}

  @Public()
  @Get('status')
  async status(@Req() req: Request): Promise<{ mfa: MfaState; totpEnrolled: boolean }> {
    const { session } = await requireSession(this.sessions, req);
    return { mfa: session.mfa, totpEnrolled: await this.totp.enrolled(session.principal) };
  }

  @Public()
  @Post('totp/enrol')
  @HttpCode(201)
  async enrol(@Req() req: Request): Promise<TotpEnrolment> {
    const { session } = await requireSession(this.sessions, req);
    const enrolment = await this.totp.enrol(session.principal);
    await this.audit.record({
      actor: session.principal,
      action: LOGIN_AUDIT_ACTIONS.totpEnrolled,
      outcome: 'SUCCESS',
      sourceIp: req.ip,
    });
    return enrolment;
  }

  @Public()
  @Post('totp/verify')
  @HttpCode(200)
  verify(
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeResponse> {
    return this.stepUp(req, res, 'totp', (principal, code) => this.totp.verifyCode(principal, code), body);
  }

  @Public()
  @Post('recovery')
  @HttpCode(200)
  recover(
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeResponse> {
    return this.stepUp(
      req,
      res,
      'recovery',
      (principal, code) => this.totp.useRecoveryCode(principal, code),
      body,
    );
  }

  private async stepUp(
    req: Request,
    res: Response,
    method: 'totp' | 'recovery',
    check: (principal: string, code: string) => Promise<boolean>,
    body: unknown,
  ): Promise<MeResponse> {
    const resolved = await requireSession(this.sessions, req);
    const { principal } = resolved.session;
    const code = (body as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string' || !(await check(principal, code.trim()))) {
      await this.audit.record({
        actor: principal,
        action: LOGIN_AUDIT_ACTIONS.mfaFailed,
        outcome: 'DENIED',
        sourceIp: req.ip,
        details: { method },
      });
      throw authError(401, 'MFA_CODE_INVALID', 'The code was not accepted.');
    }
    // New privileges, new session id.
    const rotated = await this.store.upgradeMfa(resolved.id, 'totp');
    if (!rotated) throw authError(401, 'UNAUTHENTICATED', 'The session ended; sign in again.');
    setSessionCookies(res, this.cookies.policy, rotated.id, rotated.csrfToken);
    await this.audit.record({
      actor: principal,
      action: LOGIN_AUDIT_ACTIONS.mfaVerified,
      outcome: 'SUCCESS',
      sourceIp: req.ip,
      details: { method },
    });
    return meResponse({
      id: rotated.id,
      session: { ...resolved.session, mfa: 'totp', csrfToken: rotated.csrfToken },
    });
  }
}
