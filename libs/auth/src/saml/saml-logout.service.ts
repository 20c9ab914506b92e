import { inflateRawSync } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import type { Profile, SAML } from '@node-saml/passport-saml';
import { DataSource } from 'typeorm';
import type { Session } from '../session/session.store';
import { LOGIN_OPTIONS, type LoginOptions, REQUEST_TTL_MS, singleLogoutOn, sloUrl } from './login-options';
import { PostgresCacheProvider } from './pg-cache-provider';
import { SamlRejection } from './saml-login.service';
import { createSpSaml } from './sp-saml';
import { parseXml, path } from './xml';

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const WEAK_SIG_ALG = /sha1$|md5$/i;

/** A logout message as it reached /auth/saml/slo: query of the redirect binding, or form of the POST one. */
export type SloMessage =
  | { binding: 'redirect'; query: Record<string, unknown>; rawQuery: string }
  | { binding: 'post'; body: Record<string, unknown> };

/** The IdP ended a logout we started, or asks us to end the sessions of one of its logins. */
export type SloOutcome =
  | { kind: 'logged-out' }
  | { kind: 'logout-request'; request: Profile; nameId: string; sessionIndex?: string };

/**
 * SAML 2.0 Single Logout, SP side (signed HTTP-Redirect messages out; Redirect or POST in). node-saml
 * checks the IdP's signature and issuer; it accepts an unsigned redirect message and does not check
 * Destination, a missing InResponseTo or a replayed LogoutResponse, so this class does.
 */
@Injectable()
export class SamlLogout {
  private readonly saml?: SAML;
  private readonly requests: PostgresCacheProvider;
  private readonly sloUrl: string;

  constructor(@Inject(LOGIN_OPTIONS) options: LoginOptions, dataSource: DataSource) {
    if (singleLogoutOn(options)) this.saml = createSpSaml(options, dataSource);
    this.requests = new PostgresCacheProvider(dataSource, REQUEST_TTL_MS);
    this.sloUrl = sloUrl(options.login);
  }

  /** Where to send the browser after a local logout: a signed LogoutRequest; undefined without SLO. */
  async requestUrl(session: Session): Promise<string | undefined> {
    if (!this.saml || session.nameId === undefined) return undefined;
    const user = {
      nameID: session.nameId,
      nameIDFormat: session.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      ...(session.idpSessionIndex !== undefined && { sessionIndex: session.idpSessionIndex }),
    } as Profile;
    return this.saml.getLogoutUrlAsync(user, '', {});
  }

  /** The signed LogoutResponse to send the browser back to the IdP with. */
  async responseUrl(request: Profile, relayState: unknown, success: boolean): Promise<string> {
    if (!this.saml) throw new Error('single logout is not configured');
    return this.saml.getLogoutResponseUrlAsync(
      request,
      typeof relayState === 'string' ? relayState : '',
      {},
      success,
    );
  }

  /** A verified logout message; anything wrong is a SamlRejection. */
  async receive(message: SloMessage): Promise<SloOutcome> {
    if (!this.saml) throw new SamlRejection('single logout is not configured');
    const fields = message.binding === 'redirect' ? message.query : message.body;
    const encoded = fields.SAMLRequest ?? fields.SAMLResponse;
    if (typeof encoded !== 'string' || encoded === '')
      throw new SamlRejection('no SAMLRequest or SAMLResponse');
    let profile: Profile | null;
    let xml: string;
    try {
      if (message.binding === 'redirect') {
        const { Signature, SigAlg } = message.query;
        if (typeof Signature !== 'string' || typeof SigAlg !== 'string') {
          throw new SamlRejection('unsigned logout message');
        }
        if (WEAK_SIG_ALG.test(SigAlg))
          throw new SamlRejection('logout message not signed with SHA-256 or stronger');
        xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
        ({ profile } = await this.saml.validateRedirectAsync(message.query as never, message.rawQuery));
      } else {
        xml = Buffer.from(encoded, 'base64').toString('utf8');
        ({ profile } =
          typeof message.body.SAMLRequest === 'string'
            ? await this.saml.validatePostRequestAsync({ SAMLRequest: encoded })
            : await this.saml.validatePostResponseAsync({ SAMLResponse: encoded }));
      }
    } catch (error) {
      if (error instanceof SamlRejection) throw error;
      throw new SamlRejection(error instanceof Error ? error.message : String(error));
    }
    return this.checked(parseXml(xml).documentElement, profile);
  }

  // The message's signature is verified: what remains is what node-saml leaves to us.
  private async checked(root: Element, profile: Profile | null): Promise<SloOutcome> {
    if (root.getAttribute('Destination') !== this.sloUrl) {
      throw new SamlRejection(`Destination is not ${this.sloUrl}`);
    }
    if (root.localName === 'LogoutResponse') {
      const status = path(root, 'Status', 'StatusCode')[0]?.getAttribute('Value');
      if (status !== SUCCESS) throw new SamlRejection(`logout status ${status ?? 'missing'}`);
      const inResponseTo = root.getAttribute('InResponseTo');
      if (!inResponseTo) throw new SamlRejection('InResponseTo is missing from the LogoutResponse');
      // Taken from the cache: a LogoutResponse answers its request once.
      if ((await this.requests.removeAsync(inResponseTo)) === null) {
        throw new SamlRejection('InResponseTo is not a logout request of ours (or already answered)');
      }
      return { kind: 'logged-out' };
    }
    if (root.localName !== 'LogoutRequest' || !profile?.nameID) {
      throw new SamlRejection('neither a LogoutRequest nor a LogoutResponse');
    }
    return {
      kind: 'logout-request',
      request: profile,
      nameId: profile.nameID,
      ...(typeof profile.sessionIndex === 'string' && { sessionIndex: profile.sessionIndex }),
    };
  }
}
