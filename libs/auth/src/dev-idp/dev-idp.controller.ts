import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { authError, AuthErrorFilter } from '../auth-error';
import { Public } from '../roles.decorator';
import { serviceProviderMetadata } from '../saml/sp-metadata';
import { DEMO_USERS } from './demo-users';
import type { DevIdpSetup } from './dev-idp';
import { AUTOSUBMIT_SCRIPT, postResponsePage, pickUserPage } from './dev-idp.page';
import { MFA_CONTEXT, PASSWORD_CONTEXT, SamlIdentityProvider } from './saml-identity-provider';

export const DEV_IDP_SETUP = Symbol('DEV_IDP_SETUP');

/** /dev-idp/...: the development IdP's metadata and its sign-in page (standalone only). */
@ApiExcludeController()
@UseFilters(AuthErrorFilter)
@Controller('dev-idp')
export class DevIdpController {
  private readonly spMetadata: string;

  constructor(
    private readonly idp: SamlIdentityProvider,
    @Inject(DEV_IDP_SETUP) { login }: DevIdpSetup,
  ) {
    this.spMetadata = serviceProviderMetadata(login);
  }

  @Public()
  @Get('metadata')
  @Header('Content-Type', 'application/samlmetadata+xml')
  metadata(): string {
    return this.idp.metadata();
  }

  @Public()
  @Get('autosubmit.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  autosubmit(): string {
    return AUTOSUBMIT_SCRIPT;
  }

  @Public()
  @Get('sso')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  pick(@Query('SAMLRequest') samlRequest: unknown, @Query('RelayState') relayState: unknown): string {
    if (typeof samlRequest !== 'string') throw authError(401, 'SAML_REQUEST_MISSING', 'No SAMLRequest.');
    SamlIdentityProvider.readRedirectRequest(samlRequest);
    return pickUserPage(DEMO_USERS, samlRequest, typeof relayState === 'string' ? relayState : undefined);
  }

  @Public()
  @Post('sso')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async signIn(@Body() body: Record<string, unknown> | undefined): Promise<string> {
    const user = DEMO_USERS.find((u) => u.nameId === body?.user);
    if (typeof body?.SAMLRequest !== 'string' || !user) {
      throw authError(401, 'SAML_REQUEST_MISSING', 'Pick a user and keep the SAMLRequest.');
    }
    const request = SamlIdentityProvider.readRedirectRequest(body.SAMLRequest);
    const { samlResponse, acsUrl: acs } = await this.idp.loginResponse({
      spMetadata: this.spMetadata,
      inResponseTo: request.id,
      user,
      authnContextClassRef: body.mfa === 'on' ? MFA_CONTEXT : PASSWORD_CONTEXT,
    });
    return postResponsePage(
      acs,
      samlResponse,
      typeof body.RelayState === 'string' ? body.RelayState : undefined,
    );
  }

  /**
   * Single Logout: the gateway's signed LogoutRequest; the demo IdP keeps no session of its own, so it
   * answers at once with a signed LogoutResponse back to the gateway.
   */
  @Public()
  @Get('slo')
  @Header('Cache-Control', 'no-store')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const rawQuery = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
      : '';
    let request;
    try {
      request = await this.idp.readLogoutRequest(this.spMetadata, rawQuery);
    } catch (error) {
      throw authError(
        401,
        'SAML_REQUEST_REJECTED',
        `The LogoutRequest was refused: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
    res.redirect(302, this.idp.logoutResponseUrl(this.spMetadata, request.id, request.relayState));
  }
}
