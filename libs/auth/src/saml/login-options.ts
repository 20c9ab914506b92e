import type { LoginConfig } from '@contingency/config';
import { type IdentityProviderSettings, readIdpMetadataFile } from './idp-metadata';

/** Browser sign-in: the config's login section and the IdP to trust (the development IdP in standalone). */
export interface LoginOptions {
  login: LoginConfig;
  idp: IdentityProviderSettings;
}

export const LOGIN_OPTIONS = Symbol('LOGIN_OPTIONS');

/** Tolerated difference between the IdP's clock and ours. */
export const CLOCK_SKEW_MS = 60_000;
/** How long an AuthnRequest waits for its response. */
export const REQUEST_TTL_MS = 10 * 60_000;

export const acsUrl = (login: LoginConfig): string => `${login.publicBaseUrl}/auth/saml/acs`;

/** Distributed mode: SAML when SAML_IDP_METADATA_FILE is set, otherwise none (API keys only). */
export function samlLoginFromConfig(login: LoginConfig): LoginOptions | undefined {
  if (login.idpMetadataFile === undefined) return undefined;
  return { login, idp: readIdpMetadataFile(login.idpMetadataFile) };
}
