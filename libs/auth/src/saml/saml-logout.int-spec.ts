import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase } from '@contingency/testing';
import { MFA_CONTEXT, SamlIdentityProvider } from '../dev-idp/saml-identity-provider';
import { selfSignedCertificate } from '../dev-idp/self-signed-certificate';
import { parseIdpMetadata } from './idp-metadata';
import { BASE_URL, loginConfig, ManualClock, setCookies, startLoginApp } from './testing/login-harness';

const IDP_SLO = 'https://idp.test/slo';
const SP_SLO = `${BASE_URL}/auth/saml/slo`;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

// The metadata's media type is not one supertest buffers as text by itself.
function textBody(res: request.Response, done: (error: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  stream.on('end', () => done(null, text));
}

const pathAndQuery = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};
const rawQuery = (url: string): string => new URL(url).search.slice(1);

/** A redirect-binding URL with its SAML message rewritten (the signature left as it was). */
function withMessage(url: string, edit: (xml: string) => string): string {
  const parsed = new URL(url);
  const param = parsed.searchParams.has('SAMLRequest') ? 'SAMLRequest' : 'SAMLResponse';
  const xml = inflateRawSync(Buffer.from(parsed.searchParams.get(param)!, 'base64')).toString('utf8');
  const edited = edit(xml);
  expect(edited).not.toBe(xml);
  parsed.searchParams.set(param, deflateRawSync(Buffer.from(edited, 'utf8')).toString('base64'));
  return parsed.toString();
}

function unsigned(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('Signature');
  parsed.searchParams.delete('SigAlg');
  return parsed.toString();
}

describe('SAML Single Logout (real samlify IdP, real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let idp: SamlIdentityProvider;
  let app: INestApplication;
  let spMetadata: string;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    db = await createTestDatabase('saml_logout');
    idp = await SamlIdentityProvider.create({
      entityId: 'https://idp.test/metadata',
      ssoUrl: 'https://idp.test/sso',
      sloUrl: IDP_SLO,
      keys: selfSignedCertificate('test idp'),
    });
    app = await startLoginApp(
      db,
      {
        login: loginConfig(),
        idp: parseIdpMetadata(idp.metadata()),
        spSigning: selfSignedCertificate('test sp'),
      },
      new ManualClock(),
    );
    spMetadata = (await http().get('/auth/saml/metadata').buffer(true).parse(textBody).expect(200))
      .body as string;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());
  const me = (cookie: string) => http().get('/auth/me').set('Cookie', cookie);

  async function signIn(nameId: string) {
    const start = await http().get('/auth/saml/login').query({ returnTo: '/' }).expect(302);
    const { id } = SamlIdentityProvider.readRedirectRequest(
      new URL(start.headers.location).searchParams.get('SAMLRequest') ?? '',
    );
    const { samlResponse } = await idp.loginResponse({
      spMetadata,
      inResponseTo: id,
      user: { nameId, displayName: nameId, groups: ['operators'] },
      authnContextClassRef: MFA_CONTEXT,
    });
    const res = await http()
      .post('/auth/saml/acs')
      .type('form')
      .send({ SAMLResponse: samlResponse })
      .expect(303);
    const cookies = setCookies(res);
    const session = cookies.get('mc_session')!.value;
    const csrf = cookies.get('mc_csrf')!.value;
    return { cookie: `mc_session=${session}; mc_csrf=${csrf}`, csrf };
  }

  /** POST /auth/logout: the local session ends, the answer sends the browser to the IdP. */
  async function logout(login: { cookie: string; csrf: string }): Promise<string> {
    const res = await http().post('/auth/logout').set('Cookie', login.cookie).set('X-CSRF-Token', login.csrf);
    expect(res.status).toBe(200);
    expect(setCookies(res).get('mc_session')?.value).toBe('');
    return (res.body as { redirect: string }).redirect;
  }

  const logoutAudit = (actor: string) =>
    db.dataSource.query<Array<{ details: { reason?: string } | null }>>(
      `SELECT details FROM audit_log WHERE action = 'LOGOUT' AND actor = $1 ORDER BY id`,
      [actor],
    );

  async function expectRefused(url: string, reason: RegExp): Promise<void> {
    const res = await http().get(pathAndQuery(url));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'SAML_LOGOUT_REJECTED', message: expect.any(String) } });
    const [audited] = await db.dataSource.query<Array<{ details: { reason: string } }>>(
      `SELECT details FROM audit_log WHERE action = 'LOGOUT_FAILED' ORDER BY id DESC LIMIT 1`,
    );
    expect(audited.details.reason).toMatch(reason);
  }

  it('advertises its SLO endpoint (both bindings) and its signing certificate', () => {
    expect(spMetadata).toContain(
      `<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${SP_SLO}"/>`,
    );
    expect(spMetadata).toContain(
      `<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${SP_SLO}"/>`,
    );
    expect(spMetadata).toContain('<KeyDescriptor use="signing">');
  });

  it('SP-initiated: logout → signed LogoutRequest at the IdP → LogoutResponse → /auth/saml/slo → /', async () => {
    const user = `slo-sp-${run}`;
    const login = await signIn(user);
    const redirect = await logout(login);
    expect(redirect.startsWith(`${IDP_SLO}?SAMLRequest=`)).toBe(true);
    await me(login.cookie).expect(401);
    expect(await logoutAudit(user)).toHaveLength(1);

    // The IdP checks our signature against our metadata and finds the login it made.
    const logoutRequest = await idp.readLogoutRequest(spMetadata, rawQuery(redirect));
    expect(logoutRequest.nameId).toBe(user);
    const [row] = await db.dataSource.query<Array<{ id: string }>>(
      'SELECT 1 FROM saml_requests WHERE id = $1',
      [logoutRequest.id],
    );
    expect(row).toBeDefined();
    expect(logoutRequest.sessionIndex).toMatch(/^_/);
    await expect(idp.readLogoutRequest(spMetadata, rawQuery(unsigned(redirect)))).rejects.toThrow();

    const answer = idp.logoutResponseUrl(spMetadata, logoutRequest.id);
    expect(answer.startsWith(`${SP_SLO}?SAMLResponse=`)).toBe(true);
    const done = await http().get(pathAndQuery(answer)).expect(303);
    expect(done.headers.location).toBe('/');
    await me(login.cookie).expect(401);
    // Answered once: the same LogoutResponse again is refused.
    await expectRefused(answer, /InResponseTo/);
  });

  it('refuses an unsigned, altered, foreign or unknown-InResponseTo LogoutResponse with 401', async () => {
    const login = await signIn(`slo-bad-${run}`);
    const { id } = await idp.readLogoutRequest(spMetadata, rawQuery(await logout(login)));
    const answer = idp.logoutResponseUrl(spMetadata, id);

    await expectRefused(unsigned(answer), /unsigned/);
    await expectRefused(
      withMessage(answer, (xml) => xml.replace(/ ID="_/, ' ID="_altered')),
      /signature/i,
    );
    await expectRefused(idp.logoutResponseUrl(spMetadata, '_never-sent'), /InResponseTo/);
    const impostor = await SamlIdentityProvider.create({
      entityId: 'https://idp.test/metadata',
      ssoUrl: 'https://idp.test/sso',
      sloUrl: IDP_SLO,
      keys: selfSignedCertificate('impostor'),
    });
    await expectRefused(impostor.logoutResponseUrl(spMetadata, id), /signature/i);
    const other = await SamlIdentityProvider.create({
      entityId: 'https://other-idp.test/metadata',
      ssoUrl: 'https://other-idp.test/sso',
      sloUrl: IDP_SLO,
      keys: selfSignedCertificate('other idp'),
    });
    await expectRefused(other.logoutResponseUrl(spMetadata, id), /issuer/i);
    const garbage = await http()
      .get('/auth/saml/slo')
      .query({ SAMLResponse: '%%%', Signature: 'x', SigAlg: 'y' });
    expect(garbage.status).toBe(401);
    await http().get('/auth/saml/slo').expect(401);
    await http().post('/auth/saml/slo').type('form').send({ SAMLResponse: 'PG5vdC1zYW1sLz4=' }).expect(401);

    // None of these consumed the request: the genuine answer still completes the logout.
    expect((await http().get(pathAndQuery(answer))).status).toBe(303);
  });

  it('IdP-initiated: ends every session of that NameID and answers a signed LogoutResponse', async () => {
    const user = `slo-idp-${run}`;
    const bystander = `slo-bystander-${run}`;
    const [first, second, other] = [await signIn(user), await signIn(user), await signIn(bystander)];

    const { id, url } = idp.logoutRequestUrl(spMetadata, { nameId: user });
    expect(url.startsWith(`${SP_SLO}?SAMLRequest=`)).toBe(true);
    const res = await http().get(pathAndQuery(url)).set('Cookie', first.cookie).expect(303);
    expect(res.headers.location.startsWith(`${IDP_SLO}?SAMLResponse=`)).toBe(true);
    expect(setCookies(res).get('mc_session')?.value).toBe('');

    const answer = await idp.readLogoutResponse(spMetadata, rawQuery(res.headers.location));
    expect(answer).toEqual({ inResponseTo: id, status: SUCCESS });
    await me(first.cookie).expect(401);
    await me(second.cookie).expect(401);
    await me(other.cookie).expect(200);
    expect(await logoutAudit(user)).toEqual([{ details: { reason: 'idp' } }, { details: { reason: 'idp' } }]);
  });

  it('IdP-initiated by the POST binding; an altered POSTed request is refused', async () => {
    const user = `slo-post-${run}`;
    const login = await signIn(user);
    const { samlRequest } = idp.logoutRequestPost(spMetadata, user);
    const xml = Buffer.from(samlRequest, 'base64').toString('utf8');
    expect(xml).toContain('<ds:Signature');
    const altered = Buffer.from(xml.replace(`>${user}<`, `>slo-victim-${run}<`)).toString('base64');
    const refused = await http()
      .post('/auth/saml/slo')
      .type('form')
      .send({ SAMLRequest: altered })
      .expect(401);
    expect(refused.body.error.code).toBe('SAML_LOGOUT_REJECTED');
    await me(login.cookie).expect(200);

    const res = await http()
      .post('/auth/saml/slo')
      .type('form')
      .send({ SAMLRequest: samlRequest })
      .expect(303);
    expect(res.headers.location.startsWith(`${IDP_SLO}?SAMLResponse=`)).toBe(true);
    await me(login.cookie).expect(401);
  });

  it('IdP-initiated with a SessionIndex: ends only the sessions of that login', async () => {
    const user = `slo-index-${run}`;
    const first = await signIn(user);
    const second = await signIn(user);
    const [{ idp_session_index: index }] = await db.dataSource.query<Array<{ idp_session_index: string }>>(
      'SELECT idp_session_index FROM sessions WHERE name_id = $1 ORDER BY created_at LIMIT 1',
      [user],
    );
    const { url } = idp.logoutRequestUrl(spMetadata, { nameId: user, sessionIndex: index });
    await http().get(pathAndQuery(url)).expect(303);
    await me(first.cookie).expect(401);
    await me(second.cookie).expect(200);
  });

  it('a LogoutRequest for an unknown NameID changes nothing and says so', async () => {
    const user = `slo-known-${run}`;
    const login = await signIn(user);
    const { id, url } = idp.logoutRequestUrl(spMetadata, { nameId: `nobody-${run}` });
    const res = await http().get(pathAndQuery(url)).set('Cookie', login.cookie).expect(303);
    expect(res.headers['set-cookie']).toBeUndefined();
    // Signed, InResponseTo the request, status UnknownPrincipal (which samlify reports as a failure).
    expect(rawQuery(res.headers.location)).toMatch(/&SigAlg=.+&Signature=/);
    const xml = inflateRawSync(
      Buffer.from(new URL(res.headers.location).searchParams.get('SAMLResponse')!, 'base64'),
    ).toString('utf8');
    expect(xml).toContain(`InResponseTo="${id}"`);
    await expect(idp.readLogoutResponse(spMetadata, rawQuery(res.headers.location))).rejects.toThrow(
      /UnknownPrincipal/,
    );
    await me(login.cookie).expect(200);
  });

  it('refuses an unsigned or altered LogoutRequest with 401 and ends nothing', async () => {
    const user = `slo-forged-${run}`;
    const login = await signIn(user);
    const { url } = idp.logoutRequestUrl(spMetadata, { nameId: user });
    await expectRefused(unsigned(url), /unsigned/);
    await expectRefused(
      withMessage(url, (xml) => xml.replace(`>${user}<`, `>slo-victim-${run}<`)),
      /signature/i,
    );
    await me(login.cookie).expect(200);
    expect(await logoutAudit(user)).toEqual([]);
  });

  describe('an IdP without SingleLogoutService', () => {
    let localApp: INestApplication;
    let localDb: Awaited<ReturnType<typeof createTestDatabase>>;
    let plain: SamlIdentityProvider;

    beforeAll(async () => {
      localDb = await createTestDatabase('saml_logout_local');
      plain = await SamlIdentityProvider.create({
        entityId: 'https://idp.test/metadata',
        ssoUrl: 'https://idp.test/sso',
        keys: selfSignedCertificate('plain idp'),
      });
      const settings = parseIdpMetadata(plain.metadata());
      expect(settings.sloUrl).toBeUndefined();
      localApp = await startLoginApp(
        localDb,
        { login: loginConfig(), idp: settings, spSigning: selfSignedCertificate('test sp') },
        new ManualClock(),
      );
    });

    afterAll(async () => {
      await localApp?.close();
      await localDb?.drop();
    });

    it('logs out locally (204), advertises no SLO and refuses /auth/saml/slo', async () => {
      const server = () => request(localApp.getHttpServer());
      const metadata = (await server().get('/auth/saml/metadata').buffer(true).parse(textBody).expect(200))
        .body as string;
      expect(metadata).not.toContain('SingleLogoutService');
      const start = await server().get('/auth/saml/login').expect(302);
      const { id } = SamlIdentityProvider.readRedirectRequest(
        new URL(start.headers.location).searchParams.get('SAMLRequest') ?? '',
      );
      const { samlResponse } = await plain.loginResponse({
        spMetadata: metadata,
        inResponseTo: id,
        user: { nameId: `local-${run}`, displayName: 'Local', groups: ['operators'] },
        authnContextClassRef: MFA_CONTEXT,
      });
      const acs = await server()
        .post('/auth/saml/acs')
        .type('form')
        .send({ SAMLResponse: samlResponse })
        .expect(303);
      const cookies = setCookies(acs);
      const cookie = `mc_session=${cookies.get('mc_session')!.value}; mc_csrf=${cookies.get('mc_csrf')!.value}`;
      const res = await server()
        .post('/auth/logout')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', cookies.get('mc_csrf')!.value)
        .expect(204);
      expect(res.text).toBe('');
      await server().get('/auth/me').set('Cookie', cookie).expect(401);
      const refused = await server().get('/auth/saml/slo').query({ SAMLResponse: 'x' }).expect(401);
      expect(refused.body.error.code).toBe('SAML_LOGOUT_REJECTED');
    });
  });
});
