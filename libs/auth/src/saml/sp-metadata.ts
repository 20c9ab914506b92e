import { generateServiceProviderMetadata } from '@node-saml/passport-saml';
import { acsUrl, type LoginOptions, singleLogoutOn, sloUrl } from './login-options';

const POST_SLO = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT_SLO = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/**
 * Our SAML metadata: the ACS, signed assertions required, and with Single Logout the SLO endpoint (both
 * bindings: node-saml writes only HTTP-POST) and the certificate our logout messages are signed with.
 */
export function serviceProviderMetadata(options: LoginOptions): string {
  const { login } = options;
  const base = {
    issuer: login.spEntityId,
    callbackUrl: acsUrl(login),
    wantAssertionsSigned: true,
    identifierFormat: null,
  };
  if (!singleLogoutOn(options)) return generateServiceProviderMetadata(base);
  const xml = generateServiceProviderMetadata({
    ...base,
    logoutCallbackUrl: sloUrl(login),
    privateKey: options.spSigning.privateKeyPem,
    publicCerts: options.spSigning.certificatePem,
  });
  const post = `<SingleLogoutService Binding="${POST_SLO}" Location="${sloUrl(login)}"/>`;
  if (!xml.includes(post)) throw new Error('unexpected SP metadata layout: no HTTP-POST SingleLogoutService');
  return xml.replace(
    post,
    `<SingleLogoutService Binding="${REDIRECT_SLO}" Location="${sloUrl(login)}"/>${post}`,
  );
}
