import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Authenticator } from '../authenticator';
import type { Principal } from '../principal';
import { SessionResolver } from './session.resolver';

/** People signed in by SAML: the mc_session cookie. Until the second factor is proven they hold no role. */
@Injectable()
export class SessionAuthenticator implements Authenticator {
  constructor(private readonly sessions: SessionResolver) {}

  presented(req: Request): boolean {
    return this.sessions.presented(req);
  }

  async authenticate(req: Request): Promise<Principal | null> {
    const resolved = await this.sessions.resolve(req);
    if (!resolved) return null;
    const { session } = resolved;
    return {
      id: session.principal,
      displayName: session.displayName,
      kind: 'user',
      roles: session.mfa === 'pending' ? [] : session.roles,
    };
  }
}
