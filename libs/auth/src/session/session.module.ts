import { type DynamicModule, Module } from '@nestjs/common';
import { MfaController } from '../mfa/mfa.controller';
import { TotpService } from '../mfa/totp.service';
import { LOGIN_OPTIONS, type LoginOptions } from '../saml/login-options';
import { SamlController } from '../saml/saml.controller';
import { SamlLogin } from '../saml/saml-login.service';
import { SamlLogout } from '../saml/saml-logout.service';
import { CLOCK, systemClock } from './clock';
import { LoginAudit } from './login-audit';
import { SessionCookiePolicy } from './session-cookie-policy';
import { SessionController } from './session.controller';
import { SessionResolver } from './session.resolver';
import { SESSION_TIMEOUTS, SessionStore } from './session.store';

/**
 * Browser sign-in: SAML SSO, the TOTP step-up and server-side sessions. AuthModule imports it when given
 * login options and puts the session authenticator after the API key one.
 */
@Module({})
export class SessionModule {
  static forRoot(options: LoginOptions): DynamicModule {
    return {
      module: SessionModule,
      controllers: [SamlController, SessionController, MfaController],
      providers: [
        { provide: LOGIN_OPTIONS, useValue: options },
        { provide: SESSION_TIMEOUTS, useValue: options.login.session },
        { provide: CLOCK, useValue: systemClock },
        LoginAudit,
        SessionStore,
        SessionResolver,
        SessionCookiePolicy,
        SamlLogin,
        SamlLogout,
        TotpService,
      ],
      exports: [SessionResolver, SessionStore],
    };
  }
}
