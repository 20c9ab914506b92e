import { SAML, ValidateInResponseTo } from '@node-saml/passport-saml';
import type { DataSource } from 'typeorm';
import {
  acsUrl,
  CLOCK_SKEW_MS,
  type LoginOptions,
  REQUEST_TTL_MS,
  singleLogoutOn,
  sloUrl,
} from './login-options';
import { PostgresCacheProvider } from './pg-cache-provider';

const SHA256_DIGEST = 'http://www.w3.org/2001/04/xmlenc#sha256';

/**
 * node-saml's SAML for our SP: the IdP's certificates and issuer, SHA-256, InResponseTo always checked
 * against the request cache in PostgreSQL. With Single Logout it also holds our signing key (requests we
 * send are then signed, as the metadata says) and the IdP's logout endpoint.
 */
export function createSpSaml(options: LoginOptions, dataSource: DataSource): SAML {
  const { login, idp } = options;
  return new SAML({
    callbackUrl: acsUrl(login),
    entryPoint: idp.ssoUrl,
    issuer: login.spEntityId,
    idpIssuer: idp.entityId,
    idpCert: idp.certificates,
    audience: login.spEntityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: SHA256_DIGEST,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider: new PostgresCacheProvider(dataSource, REQUEST_TTL_MS),
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(singleLogoutOn(options) && {
      logoutUrl: options.idp.sloUrl,
      logoutCallbackUrl: sloUrl(login),
      privateKey: options.spSigning.privateKeyPem,
    }),
  });
}
