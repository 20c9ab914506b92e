import { readFileSync } from 'node:fs';
import { children, parseXml, path, text } from './xml';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What the SP needs to know of its identity provider. */
export interface IdentityProviderSettings {
  entityId: string;
  /** SingleSignOnService, HTTP-Redirect binding. */
  ssoUrl: string;
  /** Signing certificates, base64 DER (as in the metadata's X509Certificate). */
  certificates: string[];
  /** SingleLogoutService (HTTP-Redirect), when the IdP offers one. */
  sloUrl?: string;
}

export function readIdpMetadataFile(file: string): IdentityProviderSettings {
  return parseIdpMetadata(readFileSync(file, 'utf8'), `SAML_IDP_METADATA_FILE (${file})`);
}

/** The entity id, redirect SSO endpoint and signing certificates of an IdP's SAML 2.0 metadata. */
export function parseIdpMetadata(xml: string, source = 'IdP metadata'): IdentityProviderSettings {
  const root = parseXml(xml).documentElement;
  const descriptor = root.localName === 'EntityDescriptor' ? root : path(root, 'EntityDescriptor')[0];
  const idp = descriptor && children(descriptor, 'IDPSSODescriptor')[0];
  if (!descriptor || !idp) throw new Error(`${source} has no EntityDescriptor with an IDPSSODescriptor`);
  const entityId = descriptor.getAttribute('entityID');
  const sso = children(idp, 'SingleSignOnService').find((s) => s.getAttribute('Binding') === REDIRECT);
  const slo = children(idp, 'SingleLogoutService').find((s) => s.getAttribute('Binding') === REDIRECT);
  const certificates = children(idp, 'KeyDescriptor')
    .filter((key) => (key.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((key) => path(key, 'KeyInfo', 'X509Data', 'X509Certificate'))
    .map((cert) => (text(cert) ?? '').replace(/\s+/g, ''))
    .filter(Boolean);
  if (!entityId) throw new Error(`${source} has no entityID`);
  if (!sso?.getAttribute('Location')) throw new Error(`${source} has no HTTP-Redirect SingleSignOnService`);
  if (certificates.length === 0) throw new Error(`${source} has no signing certificate`);
  return {
    entityId,
    ssoUrl: sso.getAttribute('Location') as string,
    certificates,
    ...(slo?.getAttribute('Location') && { sloUrl: slo.getAttribute('Location') as string }),
  };
}
