import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyStore } from './api-key.store';
import type { Authenticator } from './authenticator';
import type { Principal } from './principal';

// RFC 6750: the scheme is case-insensitive, one space, then the token (no further spaces).
const BEARER = /^Bearer ([^\s]+)$/i;

/** Programs: `Authorization: Bearer <api key>`. */
@Injectable()
export class BearerApiKeyAuthenticator implements Authenticator {
  constructor(private readonly keys: ApiKeyStore) {}

  presented(req: Request): boolean {
    return req.headers.authorization !== undefined;
  }

  async authenticate(req: Request): Promise<Principal | null> {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    return token === undefined ? null : this.keys.verify(token);
  }
}
