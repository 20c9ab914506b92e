import { readFileSync } from 'node:fs';
import type { LoginConfig } from '@contingency/config';
import { type IdentityProviderSettings, readIdpMetadataFile } from './idp-metadata';

/** The SP's own signing key (PEM): it signs the LogoutRequests and LogoutResponses we send. */
export interface SpSigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

/** Browser sign-in: the config's login section and the IdP to trust (the development IdP in standalone). */
export interface LoginOptions {
  login: LoginConfig;
  idp: IdentityProviderSettings;
  /** Without it there is no Single Logout: a logout request must be signed. */
  spSigning?: SpSigningKey;
}

export const LOGIN_OPTIONS = Symbol('LOGIN_OPTIONS');

/** Tolerated difference between the IdP's clock and ours. */
export const CLOCK_SKEW_MS = 60_000;
/** How long an AuthnRequest waits for its response. */
export const REQUEST_TTL_MS = 10 * 60_000;

export const acsUrl = (login: LoginConfig): string => `${login.publicBaseUrl}/auth/saml/acs`;
export const sloUrl = (login: LoginConfig): string => `${login.publicBaseUrl}/auth/saml/slo`;

/** Single Logout runs when the IdP offers a SingleLogoutService and we have a key to sign our messages. */
export const singleLogoutOn = (
  options: LoginOptions,
): options is LoginOptions & { idp: { sloUrl: string }; spSigning: SpSigningKey } =>
  options.idp.sloUrl !== undefined && options.spSigning !== undefined;

/** Distributed mode: SAML when SAML_IDP_METADATA_FILE is set, otherwise none (API keys only). */
export function samlLoginFromConfig(login: LoginConfig): LoginOptions | undefined {
  if (login.idpMetadataFile === undefined) return undefined;
  const spSigning = login.spSigning && {
    privateKeyPem: readFileSync(login.spSigning.keyFile, 'utf8'),
    certificatePem: readFileSync(login.spSigning.certFile, 'utf8'),
  };
  return { login, idp: readIdpMetadataFile(login.idpMetadataFile), ...(spSigning && { spSigning }) };
}
