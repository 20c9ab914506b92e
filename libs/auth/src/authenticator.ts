import type { Request } from 'express';
import type { Principal } from './principal';

/**
 * One way of proving who calls: the bearer API key today, a SAML-backed session later. The guard asks
 * each in turn; the first principal wins.
 */
export interface Authenticator {
  /** Whether the request carries this kind of credential at all (tells "missing" from "invalid"). */
  presented(req: Request): boolean;
  /** The caller, or null when the credential is absent, malformed, unknown or revoked. */
  authenticate(req: Request): Promise<Principal | null>;
}

/** The ordered Authenticator chain the guard consults. */
export const AUTHENTICATORS = Symbol('AUTHENTICATORS');
