import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyStore } from './api-key.store';
import { AuthGuard } from './auth.guard';
import { AUTHENTICATORS, type Authenticator } from './authenticator';
import { BearerApiKeyAuthenticator } from './bearer-api-key.authenticator';
import { BOOTSTRAP_ADMIN_KEY, BootstrapAdmin } from './bootstrap-admin';
import type { LoginOptions } from './saml/login-options';
import { SessionAuthenticator } from './session/session.authenticator';
import { SessionModule } from './session/session.module';

export interface AuthModuleOptions {
  /** CONTINGENCY_BOOTSTRAP_ADMIN_KEY: when set, an admin API key with exactly this secret is ensured. */
  bootstrapAdminKey?: string;
  /** Further authenticators after the bearer API key (and the session one). */
  authenticators?: Array<Type<Authenticator>>;
  /** Browser sign-in by SAML with sessions; without it only API keys authenticate. */
  login?: LoginOptions;
}

/**
 * Authentication and authorisation for the whole app: the global deny-by-default guard, the API key
 * store and the bootstrap admin. Needs the ledger and observability modules (both global).
 */
@Module({})
export class AuthModule {
  static forRoot({ bootstrapAdminKey, authenticators = [], login }: AuthModuleOptions = {}): DynamicModule {
    const chain = [BearerApiKeyAuthenticator, ...(login ? [SessionAuthenticator] : []), ...authenticators];
    const providers: Provider[] = [
      ApiKeyStore,
      ...chain,
      { provide: AUTHENTICATORS, inject: chain, useFactory: (...all: Authenticator[]) => all },
      { provide: BOOTSTRAP_ADMIN_KEY, useValue: bootstrapAdminKey },
      BootstrapAdmin,
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    return {
      module: AuthModule,
      global: true,
      imports: login ? [SessionModule.forRoot(login)] : [],
      providers,
      exports: [ApiKeyStore, AUTHENTICATORS],
    };
  }
}
