import { parseIdpMetadata } from './idp-metadata';

const metadata = (inner: string) =>
  `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example/md">
    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${inner}</md:IDPSSODescriptor>
  </md:EntityDescriptor>`;

const SIGNING = `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
  MIIB AAAA
</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const SSO = `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example/sso"/>`;

describe(parseIdpMetadata.name, () => {
  it('reads the entity id, the redirect SSO and SLO endpoints and the signing certificates', () => {
    const slo = `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example/slo"/>`;
    const encryption = SIGNING.replace('signing', 'encryption').replace('MIIB AAAA', 'ENCR');
    expect(parseIdpMetadata(metadata(SIGNING + encryption + slo + SSO))).toEqual({
      entityId: 'https://idp.example/md',
      ssoUrl: 'https://idp.example/sso',
      sloUrl: 'https://idp.example/slo',
      certificates: ['MIIBAAAA'],
    });
  });

  it.each([
    ['no redirect SSO endpoint', metadata(SIGNING), /no HTTP-Redirect SingleSignOnService/],
    ['no signing certificate', metadata(SSO), /no signing certificate/],
    ['no IdP descriptor', '<EntityDescriptor entityID="x"/>', /no EntityDescriptor with an IDPSSODescriptor/],
    ['not XML', 'not xml <', /not well-formed|no EntityDescriptor/],
  ])('refuses metadata with %s', (_label, xml, message) => {
    expect(() => parseIdpMetadata(xml, 'SAML_IDP_METADATA_FILE')).toThrow(message);
  });
});
