import { Inject, Injectable } from '@nestjs/common';
import type { Profile, SAML } from '@node-saml/passport-saml';
import { DataSource } from 'typeorm';
import { queryRows } from '@contingency/ledger';
import type { Role } from '@contingency/contracts';
import type { MfaState, NewSession } from '../session/session.store';
import { assertionFacts, strongAlgorithms } from './assertion-facts';
import { acsUrl, CLOCK_SKEW_MS, LOGIN_OPTIONS, type LoginOptions, REQUEST_TTL_MS } from './login-options';
import { parseRoleMapping, rolesForGroups, type RoleMapping } from './role-mapping';
import { createSpSaml } from './sp-saml';
import { serviceProviderMetadata } from './sp-metadata';

/** A response we refuse; `reason` goes to the audit log, the browser sees a 401. */
export class SamlRejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The SP side of SAML 2.0 Web SSO. passport-saml checks the signature (assertions must be signed),
 * timestamps, audience, issuer and InResponseTo against the request cache in PostgreSQL; this class
 * adds what it does not check: Destination, Recipient, SHA-256, replay of an assertion id, and the
 * authentication context that says whether the IdP did MFA.
 */
@Injectable()
export class SamlLogin {
  private readonly saml: SAML;
  private readonly roleMapping: RoleMapping;
  private readonly acsUrl: string;

  constructor(
    @Inject(LOGIN_OPTIONS) private readonly options: LoginOptions,
    private readonly dataSource: DataSource,
  ) {
    this.acsUrl = acsUrl(options.login);
    this.roleMapping = parseRoleMapping(options.login.roleMapping);
    this.saml = createSpSaml(options, dataSource);
  }

  metadata(): string {
    return serviceProviderMetadata(this.options);
  }

  /** The IdP URL to redirect to (HTTP-Redirect binding); the request id is saved for InResponseTo. */
  loginUrl(returnTo: string): Promise<string> {
    return this.saml.getAuthorizeUrlAsync(returnTo, undefined, {});
  }

  /** A verified login, ready to become a session; anything wrong is a SamlRejection. */
  async acs(samlResponse: unknown): Promise<NewSession> {
    if (typeof samlResponse !== 'string' || samlResponse === '') throw new SamlRejection('no SAMLResponse');
    let profile: Profile | null;
    try {
      ({ profile } = await this.saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (error) {
      throw new SamlRejection(error instanceof Error ? error.message : String(error));
    }
    const assertionXml = profile?.getAssertionXml?.();
    if (!profile || !assertionXml) throw new SamlRejection('no assertion');

    const facts = assertionFacts(assertionXml, Buffer.from(samlResponse, 'base64').toString('utf8'));
    if (!strongAlgorithms(facts)) throw new SamlRejection('assertion not signed with SHA-256 or stronger');
    if (facts.destination !== this.acsUrl) throw new SamlRejection(`Destination is not ${this.acsUrl}`);
    if (facts.recipients.length === 0 || facts.recipients.some((recipient) => recipient !== this.acsUrl)) {
      throw new SamlRejection(`Recipient is not ${this.acsUrl}`);
    }
    await this.rememberAssertion(facts.assertionId, facts.notOnOrAfter);

    const { login } = this.options;
    const idpDidMfa = facts.authnContextClassRefs.some((ref) => login.mfaContexts.includes(ref));
    const mfa: MfaState = idpDidMfa && !login.requireTotp ? 'idp' : 'pending';
    return {
      principal: profile.nameID,
      displayName: attribute(profile, 'displayName') ?? attribute(profile, 'name') ?? profile.nameID,
      roles: this.roles(profile),
      mfa,
      nameId: profile.nameID,
      nameIdFormat: profile.nameIDFormat,
      ...(profile.sessionIndex !== undefined && { idpSessionIndex: profile.sessionIndex }),
    };
  }

  private roles(profile: Profile): Role[] {
    const value = (profile.attributes as Record<string, unknown> | undefined)?.[
      this.options.login.groupAttribute
    ];
    const groups = (Array.isArray(value) ? value : [value]).filter((g): g is string => typeof g === 'string');
    return rolesForGroups(this.roleMapping, groups);
  }

  // Each assertion id once, remembered until it could no longer be accepted anyway.
  private async rememberAssertion(assertionId: string, notOnOrAfter: Date | undefined): Promise<void> {
    if (assertionId === '') throw new SamlRejection('assertion without ID');
    const expiresAt = new Date((notOnOrAfter?.getTime() ?? Date.now() + REQUEST_TTL_MS) + CLOCK_SKEW_MS);
    await this.dataSource.query('DELETE FROM saml_assertions_seen WHERE expires_at < now()');
    const rows = await queryRows(
      this.dataSource.manager,
      `INSERT INTO saml_assertions_seen (assertion_id, expires_at) VALUES ($1, $2)
       ON CONFLICT (assertion_id) DO NOTHING RETURNING assertion_id`,
      [assertionId, expiresAt],
    );
    if (rows.length === 0) throw new SamlRejection('assertion already used (replay)');
  }
}

function attribute(profile: Profile, name: string): string | undefined {
  const value = (profile.attributes as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
