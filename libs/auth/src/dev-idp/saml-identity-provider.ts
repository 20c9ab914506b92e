import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import type * as Samlify from 'samlify';
import { parseXml } from '../saml/xml';
import { certificateBody, type KeyAndCertificate } from './self-signed-certificate';

export interface IdpUser {
  nameId: string;
  displayName: string;
  groups: readonly string[];
}

/** Fields a test may bend to prove the SP refuses them; the development IdP never sets any. */
export interface ResponseOverrides {
  audience?: string;
  recipient?: string;
  destination?: string;
  /** null leaves InResponseTo out (an unsolicited response). */
  inResponseTo?: string | null;
  notBefore?: Date;
  notOnOrAfter?: Date;
  issueInstant?: Date;
}

export interface LoginResponseInput {
  /** The SP's metadata (its entity id, ACS URL and whether it wants signed assertions). */
  spMetadata: string;
  /** The AuthnRequest id being answered. */
  inResponseTo: string | null;
  user: IdpUser;
  authnContextClassRef: string;
  overrides?: ResponseOverrides;
}

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
export const PASSWORD_CONTEXT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
export const MFA_CONTEXT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract';

const escapeXml = (value: string): string =>
  value.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** A redirect-binding message for samlify: its parameters, and the octet string the signature covers. */
function redirectMessage(rawQuery: string): { query: Record<string, string>; octetString: string } {
  return {
    query: Object.fromEntries(new URLSearchParams(rawQuery)),
    // The parameters as sent, in order, without the signature itself.
    octetString: rawQuery
      .split('&')
      .filter((pair) => !pair.startsWith('Signature='))
      .join('&'),
  };
}

// samlify and its schema validator are loaded only where an IdP runs (standalone, tests), never in production.
async function loadSamlify(): Promise<typeof Samlify> {
  const samlify = await import('samlify');
  const xmllint = await import('@authenio/samlify-node-xmllint');
  samlify.setSchemaValidator({ validate: xmllint.validate });
  return samlify;
}

/**
 * A real SAML 2.0 IdP (samlify): reads AuthnRequests of the redirect binding and answers with responses
 * whose assertion is signed RSA-SHA256 with its key. The development IdP of standalone and the IdP of
 * the login tests.
 */
export class SamlIdentityProvider {
  private constructor(
    private readonly samlify: typeof Samlify,
    private readonly idp: Samlify.IdentityProviderInstance,
    readonly entityId: string,
    readonly ssoUrl: string,
    readonly certificate: string,
  ) {}

  /** Without `sloUrl` the IdP offers no Single Logout (its metadata has no SingleLogoutService). */
  static async create(args: {
    entityId: string;
    ssoUrl: string;
    sloUrl?: string;
    keys: KeyAndCertificate;
  }): Promise<SamlIdentityProvider> {
    const samlify = await loadSamlify();
    const idp = samlify.IdentityProvider({
      entityID: args.entityId,
      privateKey: args.keys.privateKeyPem,
      signingCert: args.keys.certificatePem,
      requestSignatureAlgorithm: RSA_SHA256,
      nameIDFormat: [UNSPECIFIED],
      singleSignOnService: [
        { Binding: REDIRECT, Location: args.ssoUrl },
        { Binding: POST, Location: args.ssoUrl },
      ],
      wantAuthnRequestsSigned: false,
      wantLogoutRequestSigned: true,
      wantLogoutResponseSigned: true,
      ...(args.sloUrl !== undefined && {
        singleLogoutService: [{ Binding: REDIRECT, Location: args.sloUrl }],
      }),
      generateID: () => `_${randomUUID()}`,
    });
    return new SamlIdentityProvider(
      samlify,
      idp,
      args.entityId,
      args.ssoUrl,
      certificateBody(args.keys.certificatePem),
    );
  }

  metadata(): string {
    return this.idp.getMetadata();
  }

  /** The id and ACS URL of an AuthnRequest sent by the HTTP-Redirect binding. */
  static readRedirectRequest(samlRequest: string): { id: string; acsUrl?: string; issuer?: string } {
    const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
    const request = parseXml(xml).documentElement;
    if (request.localName !== 'AuthnRequest') throw new Error('not an AuthnRequest');
    const issuer = request.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')[0];
    return {
      id: request.getAttribute('ID') ?? '',
      ...(request.getAttribute('AssertionConsumerServiceURL') && {
        acsUrl: request.getAttribute('AssertionConsumerServiceURL') as string,
      }),
      ...(issuer?.textContent && { issuer: issuer.textContent.trim() }),
    };
  }

  /**
   * The SP's LogoutRequest of the redirect binding (`rawQuery`: the query string as received), its
   * signature checked against the SP's metadata. Rejects anything unsigned or altered.
   */
  async readLogoutRequest(
    spMetadata: string,
    rawQuery: string,
  ): Promise<{ id: string; nameId: string; sessionIndex?: string; relayState?: string }> {
    const { query, octetString } = redirectMessage(rawQuery);
    const { extract } = await this.idp.parseLogoutRequest(this.sp(spMetadata), 'redirect', {
      query,
      octetString,
    });
    const request = extract as { request?: { id?: string }; nameID?: string; sessionIndex?: string };
    if (!request.request?.id || !request.nameID) throw new Error('LogoutRequest without ID or NameID');
    return {
      id: request.request.id,
      nameId: request.nameID,
      ...(request.sessionIndex && { sessionIndex: request.sessionIndex }),
      ...(query.RelayState && { relayState: query.RelayState }),
    };
  }

  /** The signed LogoutResponse (redirect binding URL to the SP's SLO endpoint) answering `inResponseTo`. */
  logoutResponseUrl(spMetadata: string, inResponseTo: string, relayState = ''): string {
    const { context } = this.idp.createLogoutResponse(
      this.sp(spMetadata),
      { extract: { request: { id: inResponseTo } } },
      'redirect',
      relayState,
    );
    return context;
  }

  /** An IdP-initiated, signed LogoutRequest (redirect binding URL to the SP's SLO endpoint). */
  logoutRequestUrl(
    spMetadata: string,
    user: { nameId: string; sessionIndex?: string },
  ): { id: string; url: string } {
    const { id, context } = this.idp.createLogoutRequest(this.sp(spMetadata), 'redirect', {
      logoutNameID: user.nameId,
      ...(user.sessionIndex !== undefined && { sessionIndex: user.sessionIndex }),
    });
    return { id, url: context };
  }

  /** An IdP-initiated LogoutRequest of the HTTP-POST binding: the enveloped-signed SAMLRequest (base64). */
  logoutRequestPost(spMetadata: string, nameId: string): { id: string; samlRequest: string } {
    const { id, context } = this.idp.createLogoutRequest(this.sp(spMetadata), 'post', {
      logoutNameID: nameId,
    });
    return { id, samlRequest: context };
  }

  /** The SP's LogoutResponse of the redirect binding, signature checked; its InResponseTo and status. */
  async readLogoutResponse(
    spMetadata: string,
    rawQuery: string,
  ): Promise<{ inResponseTo?: string; status?: string }> {
    const { query, octetString } = redirectMessage(rawQuery);
    const { samlContent } = await this.idp.parseLogoutResponse(this.sp(spMetadata), 'redirect', {
      query,
      octetString,
    });
    const response = parseXml(samlContent).documentElement;
    const status = response.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:protocol', 'StatusCode')[0];
    return {
      ...(response.getAttribute('InResponseTo') && {
        inResponseTo: response.getAttribute('InResponseTo') as string,
      }),
      ...(status?.getAttribute('Value') && { status: status.getAttribute('Value') as string }),
    };
  }

  // The SP as this IdP sees it: its logout messages must be signed, ours to it are.
  private sp(spMetadata: string): Samlify.ServiceProviderInstance {
    return this.samlify.ServiceProvider({
      metadata: spMetadata,
      wantLogoutRequestSigned: true,
      wantLogoutResponseSigned: true,
    });
  }

  /** A signed login response (base64, as posted to the ACS) and the ACS URL to post it to. */
  async loginResponse(input: LoginResponseInput): Promise<{ samlResponse: string; acsUrl: string }> {
    const sp = this.samlify.ServiceProvider({ metadata: input.spMetadata });
    const acsUrl = sp.entityMeta.getAssertionConsumerService('post') as string;
    const o = input.overrides ?? {};
    const now = o.issueInstant ?? new Date();
    const notOnOrAfter = (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString();
    const notBefore = (o.notBefore ?? new Date(now.getTime() - 1000)).toISOString();
    const inResponseTo = o.inResponseTo === undefined ? input.inResponseTo : o.inResponseTo;
    const irt = inResponseTo ? ` InResponseTo="${escapeXml(inResponseTo)}"` : '';
    const id = `_${randomUUID()}`;
    const assertionId = `_${randomUUID()}`;
    const attributes = [
      ['displayName', [input.user.displayName]],
      ['groups', input.user.groups],
    ] as const;
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
      ` ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${escapeXml(o.destination ?? acsUrl)}"${irt}>` +
      `<saml:Issuer>${escapeXml(this.entityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${now.toISOString()}">` +
      `<saml:Issuer>${escapeXml(this.entityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="${UNSPECIFIED}">${escapeXml(input.user.nameId)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
      `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(o.recipient ?? acsUrl)}"${irt}/>` +
      `</saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
      `<saml:AudienceRestriction><saml:Audience>${escapeXml(o.audience ?? sp.entityMeta.getEntityID())}</saml:Audience></saml:AudienceRestriction>` +
      `</saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${assertionId}">` +
      `<saml:AuthnContext><saml:AuthnContextClassRef>${escapeXml(input.authnContextClassRef)}</saml:AuthnContextClassRef></saml:AuthnContext>` +
      `</saml:AuthnStatement>` +
      `<saml:AttributeStatement>` +
      attributes
        .map(
          ([name, values]) =>
            `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
            values.map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`).join('') +
            `</saml:Attribute>`,
        )
        .join('') +
      `</saml:AttributeStatement></saml:Assertion></samlp:Response>`;

    const { context } = await this.idp.createLoginResponse(
      sp,
      { extract: { request: { id: inResponseTo ?? '' } } },
      'post',
      {},
      {
        customTagReplacement: () => ({ id, context: xml }),
      },
    );
    return { samlResponse: context, acsUrl };
  }
}
