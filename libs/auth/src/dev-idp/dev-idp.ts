import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@contingency/config';
import type { IdentityProviderSettings } from '../saml/idp-metadata';
import type { LoginOptions } from '../saml/login-options';
import { DEMO_ROLE_MAPPING } from './demo-users';
import { certificateBody, type KeyAndCertificate, selfSignedCertificate } from './self-signed-certificate';

/** What standalone needs to run the development IdP and trust it. */
export interface DevIdpSetup {
  keys: KeyAndCertificate;
  /** The SP's own signing key in standalone (Single Logout messages), kept beside the IdP's. */
  spKeys: KeyAndCertificate;
  settings: IdentityProviderSettings;
  /** The SP's login options, trusting this IdP (the demo role mapping unless SAML_ROLE_MAPPING says otherwise). */
  login: LoginOptions;
}

export class DevIdpRefusedError extends Error {}

/**
 * The development IdP of standalone mode: its signing key is made at first start and kept under
 * DATA_DIR/dev-idp. Refused outright when NODE_ENV=production.
 */
export function developmentIdentityProvider(config: AppConfig): DevIdpSetup {
  if (config.nodeEnv === 'production' || process.env.NODE_ENV === 'production') {
    throw new DevIdpRefusedError(
      'The development identity provider does not run with NODE_ENV=production: configure SAML_IDP_METADATA_FILE for a real IdP.',
    );
  }
  const keys = loadOrCreateKeys(
    join(config.dataDir, 'dev-idp'),
    'signing',
    'Mosaic Contingency development IdP',
  );
  const spKeys = loadOrCreateKeys(
    join(config.dataDir, 'dev-idp'),
    'sp-signing',
    'Mosaic Contingency gateway (standalone)',
  );
  const base = config.login.publicBaseUrl;
  const settings: IdentityProviderSettings = {
    entityId: `${base}/dev-idp/metadata`,
    ssoUrl: `${base}/dev-idp/sso`,
    sloUrl: `${base}/dev-idp/slo`,
    certificates: [certificateBody(keys.certificatePem)],
  };
  return {
    keys,
    spKeys,
    settings,
    login: {
      login: { ...config.login, roleMapping: config.login.roleMapping ?? DEMO_ROLE_MAPPING },
      idp: settings,
      spSigning: spKeys,
    },
  };
}

function loadOrCreateKeys(dir: string, name: string, subject: string): KeyAndCertificate {
  const keyFile = join(dir, `${name}-key.pem`);
  const certFile = join(dir, `${name}-cert.pem`);
  if (existsSync(keyFile) && existsSync(certFile)) {
    return { privateKeyPem: readFileSync(keyFile, 'utf8'), certificatePem: readFileSync(certFile, 'utf8') };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = selfSignedCertificate(subject);
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(certFile, keys.certificatePem);
  return keys;
}
