import { Inject, Injectable } from '@nestjs/common';
import { LOGIN_OPTIONS, type LoginOptions } from '../saml/login-options';
import type { CookiePolicy } from './cookies';

/** The cookie attributes this deployment uses (Secure unless configured off for localhost). */
@Injectable()
export class SessionCookiePolicy {
  readonly policy: CookiePolicy;

  constructor(@Inject(LOGIN_OPTIONS) { login }: LoginOptions) {
    this.policy = { secure: login.session.cookieSecure, maxAgeMs: login.session.absoluteMs };
  }
}
