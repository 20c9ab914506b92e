import type { INestApplication } from '@nestjs/common';
import { generateSync } from 'otplib';
import request from 'supertest';
import { createTestDatabase } from '@contingency/testing';
import { ApiKeyStore } from '../api-key.store';
import {
  MFA_CONTEXT,
  PASSWORD_CONTEXT,
  type ResponseOverrides,
  SamlIdentityProvider,
} from '../dev-idp/saml-identity-provider';
import { selfSignedCertificate } from '../dev-idp/self-signed-certificate';
import { parseIdpMetadata } from './idp-metadata';
import { BASE_URL, loginConfig, ManualClock, setCookies, startLoginApp } from './testing/login-harness';

const ACS = `${BASE_URL}/auth/saml/acs`;

// The metadata's media type is not one supertest buffers as text by itself.
function textBody(res: request.Response, done: (error: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  stream.on('end', () => done(null, text));
}
const OPERATOR = {
  nameId: 'olivia.operator',
  displayName: 'Olivia Operator',
  groups: ['operators', 'unmapped'],
};
const APPROVER = { nameId: 'adam.approver', displayName: 'Adam Approver', groups: ['approvers'] };

describe('SAML login, sessions, MFA and CSRF (real samlify IdP, real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let idp: SamlIdentityProvider;
  let app: INestApplication;
  let spMetadata: string;
  const clock = new ManualClock();

  beforeAll(async () => {
    db = await createTestDatabase('saml_login');
    idp = await SamlIdentityProvider.create({
      entityId: 'https://idp.test/metadata',
      ssoUrl: 'https://idp.test/sso',
      keys: selfSignedCertificate('test idp'),
    });
    app = await startLoginApp(db, { login: loginConfig(), idp: parseIdpMetadata(idp.metadata()) }, clock);
    const metadata = await http().get('/auth/saml/metadata').buffer(true).parse(textBody).expect(200);
    expect(metadata.headers['content-type']).toMatch(/^application\/samlmetadata\+xml/);
    spMetadata = metadata.body as string;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());

  async function startLogin(
    returnTo = '/batches',
  ): Promise<{ requestId: string; relayState: string | null }> {
    const res = await http().get('/auth/saml/login').query({ returnTo }).expect(302);
    const location = new URL(res.headers.location);
    expect(`${location.origin}${location.pathname}`).toBe('https://idp.test/sso');
    const { id } = SamlIdentityProvider.readRedirectRequest(location.searchParams.get('SAMLRequest') ?? '');
    return { requestId: id, relayState: location.searchParams.get('RelayState') };
  }

  async function idpAnswer(
    requestId: string | null,
    user = OPERATOR,
    authnContextClassRef = MFA_CONTEXT,
    overrides?: ResponseOverrides,
  ): Promise<string> {
    const { samlResponse, acsUrl } = await idp.loginResponse({
      spMetadata,
      inResponseTo: requestId,
      user,
      authnContextClassRef,
      ...(overrides && { overrides }),
    });
    expect(acsUrl).toBe(ACS);
    return samlResponse;
  }

  const postAcs = (samlResponse: string, relayState?: string | null, cookie?: string) => {
    const req = http().post('/auth/saml/acs').type('form');
    if (cookie) req.set('Cookie', cookie);
    return req.send({ SAMLResponse: samlResponse, ...(relayState && { RelayState: relayState }) });
  };

  /** A full login; the cookies as a browser would send them back. */
  async function signIn(user = OPERATOR, context = MFA_CONTEXT) {
    const { requestId, relayState } = await startLogin();
    const res = await postAcs(await idpAnswer(requestId, user, context), relayState);
    expect(res.status).toBe(303);
    const cookies = setCookies(res);
    const session = cookies.get('mc_session')!.value;
    const csrf = cookies.get('mc_csrf')!.value;
    return { session, csrf, cookie: `mc_session=${session}; mc_csrf=${csrf}`, res };
  }

  const me = (cookie: string) => http().get('/auth/me').set('Cookie', cookie);

  const failures = async (reason: RegExp) =>
    (
      await db.dataSource.query<Array<{ details: { reason: string } }>>(
        `SELECT details FROM audit_log WHERE action = 'LOGIN_FAILED'`,
      )
    ).filter((row) => reason.test(row.details.reason)).length;

  describe('end to end', () => {
    it('publishes SP metadata with the ACS and signed assertions required', () => {
      expect(spMetadata).toContain(`entityID="${BASE_URL}/auth/saml/metadata"`);
      expect(spMetadata).toContain(`Location="${ACS}"`);
      expect(spMetadata).toContain('WantAssertionsSigned="true"');
    });

    it('signs in: login redirect → IdP response → ACS → session cookies → /auth/me with mapped roles', async () => {
      const { requestId, relayState } = await startLogin('/batches?status=OPEN');
      expect(relayState).toBe('/batches?status=OPEN');
      const stored = await db.dataSource.query('SELECT 1 FROM saml_requests WHERE id = $1', [requestId]);
      expect(stored).toHaveLength(1);

      const res = await postAcs(await idpAnswer(requestId), relayState);
      expect({ status: res.status, body: res.body }).toEqual({ status: 303, body: {} });
      expect(res.headers.location).toBe('/batches?status=OPEN');
      const cookies = setCookies(res);
      const session = cookies.get('mc_session')!;
      const csrf = cookies.get('mc_csrf')!;
      expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.attributes).toEqual(
        expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']),
      );
      expect(csrf.attributes).toEqual(expect.arrayContaining(['Secure', 'SameSite=Lax']));
      expect(csrf.attributes).not.toContain('HttpOnly');

      const cookie = `mc_session=${session.value}; mc_csrf=${csrf.value}`;
      const body = (await me(cookie).expect(200)).body;
      expect(body).toEqual({
        principal: 'olivia.operator',
        displayName: 'Olivia Operator',
        roles: ['operator'],
        mfa: 'idp',
        csrfToken: csrf.value,
      });
      await http()
        .get('/api/v1/spec/read')
        .set('Cookie', cookie)
        .expect(200, { id: 'olivia.operator', kind: 'user' });

      const stored2 = await db.dataSource.query<Array<{ id_hash: string }>>(
        'SELECT id_hash FROM sessions WHERE principal = $1',
        ['olivia.operator'],
      );
      expect(JSON.stringify(stored2)).not.toContain(session.value);
      const audit = await db.dataSource.query(
        `SELECT outcome FROM audit_log WHERE action = 'LOGIN_SUCCEEDED' AND actor = 'olivia.operator'`,
      );
      expect(audit.length).toBeGreaterThanOrEqual(1);
    });

    it('sends a returnTo that is not a path of this site back to /', async () => {
      for (const returnTo of [
        'https://evil.example/x',
        '//evil.example',
        '/\\evil.example',
        'javascript:alert(1)',
      ]) {
        expect((await startLogin(returnTo)).relayState).toBe('/');
      }
      const { requestId } = await startLogin();
      const res = await postAcs(await idpAnswer(requestId), 'https://evil.example/');
      expect(res.headers.location).toBe('/');
    });

    it('gives a user of unknown groups no role', async () => {
      const { cookie } = await signIn({ nameId: 'nobody', displayName: 'Nobody', groups: ['strangers'] });
      expect((await me(cookie).expect(200)).body.roles).toEqual([]);
      await http().get('/api/v1/spec/read').set('Cookie', cookie).expect(403);
    });

    it('answers 401 to /auth/me without a session', async () => {
      const res = await http().get('/auth/me').expect(401);
      expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      await me(`mc_session=${'x'.repeat(43)}`).expect(401);
    });
  });

  describe('attacks, each refused with 401 and audited', () => {
    const signedAssertion = (xml: string) => /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
    const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
    const encode = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

    async function expectRefused(samlResponse: string, reason: RegExp): Promise<void> {
      const before = await failures(reason);
      const res = await postAcs(samlResponse);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'SAML_RESPONSE_REJECTED', message: expect.any(String) } });
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(await failures(reason)).toBe(before + 1);
    }

    it('an unsigned assertion', async () => {
      const xml = decode(await idpAnswer((await startLogin()).requestId));
      expect(xml).toContain('<ds:Signature');
      const unsigned = xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
      await expectRefused(encode(unsigned), /signature/i);
    });

    it('a signed assertion altered after signing', async () => {
      const xml = decode(await idpAnswer((await startLogin()).requestId));
      const altered = xml.replace('>olivia.operator<', '>adam.approver<');
      expect(altered).not.toBe(xml);
      await expectRefused(encode(altered), /signature/i);
    });

    it('signature wrapping: an evil assertion wrapping the signed one', async () => {
      const xml = decode(await idpAnswer((await startLogin()).requestId, APPROVER));
      const original = signedAssertion(xml);
      const evil = original
        .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
        .replace(/ID="[^"]+"/, 'ID="_evil"')
        .replace('>adam.approver<', '>mallory<')
        .replace('</saml:Assertion>', `<saml:Advice>${original}</saml:Advice></saml:Assertion>`);
      await expectRefused(encode(xml.replace(original, evil)), /signature/i);
    });

    it('signature wrapping: an evil assertion beside the signed one', async () => {
      const xml = decode(await idpAnswer((await startLogin()).requestId, APPROVER));
      const original = signedAssertion(xml);
      const evil = original
        .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
        .replace(/ID="[^"]+"/, 'ID="_evil"')
        .replace('>adam.approver<', '>mallory<');
      await expectRefused(encode(xml.replace(original, evil + original)), /signature|multiple/i);
    });

    it('an expired assertion', async () => {
      const past = new Date(Date.now() - 20 * 60_000);
      const response = await idpAnswer((await startLogin()).requestId, OPERATOR, MFA_CONTEXT, {
        issueInstant: past,
        notOnOrAfter: new Date(past.getTime() + 5 * 60_000),
      });
      await expectRefused(response, /expired|no valid subject confirmation/i);
    });

    it('a wrong audience', async () => {
      const response = await idpAnswer((await startLogin()).requestId, OPERATOR, MFA_CONTEXT, {
        audience: 'https://other-sp.test/metadata',
      });
      await expectRefused(response, /audience/i);
    });

    it('a wrong recipient', async () => {
      const response = await idpAnswer((await startLogin()).requestId, OPERATOR, MFA_CONTEXT, {
        recipient: 'https://other-sp.test/acs',
      });
      await expectRefused(response, /Recipient/);
    });

    it('a wrong destination', async () => {
      const response = await idpAnswer((await startLogin()).requestId, OPERATOR, MFA_CONTEXT, {
        destination: 'https://other-sp.test/acs',
      });
      await expectRefused(response, /Destination/);
    });

    it('a replayed response', async () => {
      const response = await idpAnswer((await startLogin()).requestId);
      expect((await postAcs(response)).status).toBe(303);
      await expectRefused(response, /InResponseTo|replay/i);
    });

    it('a replayed assertion even when its request id is somehow still pending', async () => {
      const { requestId } = await startLogin();
      const response = await idpAnswer(requestId);
      expect((await postAcs(response)).status).toBe(303);
      // Put the request back as if another instance had not yet consumed it: the assertion id still refuses.
      await db.dataSource.query(`INSERT INTO saml_requests (id, value) VALUES ($1, $2)`, [
        requestId,
        new Date().toISOString(),
      ]);
      await expectRefused(response, /replay/);
    });

    it('an unsolicited response (no InResponseTo)', async () => {
      await expectRefused(await idpAnswer(null), /InResponseTo/);
    });

    it('a response to a request we never sent', async () => {
      await expectRefused(await idpAnswer('_never-sent'), /InResponseTo/);
    });

    it('no SAMLResponse, or garbage', async () => {
      await expectRefused('', /no SAMLResponse/);
      await expectRefused(encode('<not-saml/>'), /.+/);
      await expectRefused('%%%', /.+/);
    });
  });

  describe('MFA step-up', () => {
    it('holds no role without an MFA context until TOTP is enrolled and verified', async () => {
      const user = { nameId: `mfa-${Date.now()}`, displayName: 'Step Up', groups: ['operators'] };
      const login = await signIn(user, PASSWORD_CONTEXT);
      expect((await me(login.cookie).expect(200)).body).toMatchObject({ roles: [], mfa: 'pending' });
      await http().get('/api/v1/spec/read').set('Cookie', login.cookie).expect(403);
      await http()
        .get('/auth/mfa/status')
        .set('Cookie', login.cookie)
        .expect(200, { mfa: 'pending', totpEnrolled: false });

      await http().post('/auth/mfa/totp/enrol').set('Cookie', login.cookie).expect(403);
      const enrolled = await http()
        .post('/auth/mfa/totp/enrol')
        .set('Cookie', login.cookie)
        .set('X-CSRF-Token', login.csrf)
        .expect(201);
      expect(enrolled.body.qrCode).toMatch(/^data:image\/png;base64,/);
      expect(enrolled.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(enrolled.body.recoveryCodes).toHaveLength(10);
      const stored = await db.dataSource.query(
        'SELECT code_hash FROM mfa_recovery_codes WHERE principal = $1',
        [user.nameId],
      );
      expect(JSON.stringify(stored)).not.toContain(enrolled.body.recoveryCodes[0]);

      const wrong = await http()
        .post('/auth/mfa/totp/verify')
        .set('Cookie', login.cookie)
        .set('X-CSRF-Token', login.csrf)
        .send({ code: '000000' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('MFA_CODE_INVALID');

      const code = generateSync({ secret: enrolled.body.secret as string });
      const verified = await http()
        .post('/auth/mfa/totp/verify')
        .set('Cookie', login.cookie)
        .set('X-CSRF-Token', login.csrf)
        .send({ code })
        .expect(200);
      expect(verified.body).toMatchObject({ principal: user.nameId, roles: ['operator'], mfa: 'totp' });
      const rotated = setCookies(verified);
      const newSession = rotated.get('mc_session')!.value;
      expect(newSession).not.toBe(login.session);
      const cookie = `mc_session=${newSession}; mc_csrf=${rotated.get('mc_csrf')!.value}`;
      await http().get('/api/v1/spec/read').set('Cookie', cookie).expect(200);
      await me(login.cookie).expect(401);

      // Enrolled once: a new secret is refused, and the same code is not accepted twice.
      const again = await signIn(user, PASSWORD_CONTEXT);
      await http()
        .post('/auth/mfa/totp/enrol')
        .set('Cookie', again.cookie)
        .set('X-CSRF-Token', again.csrf)
        .expect(403);
      await http()
        .post('/auth/mfa/totp/verify')
        .set('Cookie', again.cookie)
        .set('X-CSRF-Token', again.csrf)
        .send({ code })
        .expect(401);

      // A recovery code instead, once.
      const recovery = enrolled.body.recoveryCodes[3] as string;
      const recovered = await http()
        .post('/auth/mfa/recovery')
        .set('Cookie', again.cookie)
        .set('X-CSRF-Token', again.csrf)
        .send({ code: recovery })
        .expect(200);
      expect(recovered.body.roles).toEqual(['operator']);
      const third = await signIn(user, PASSWORD_CONTEXT);
      await http()
        .post('/auth/mfa/recovery')
        .set('Cookie', third.cookie)
        .set('X-CSRF-Token', third.csrf)
        .send({ code: recovery })
        .expect(401);

      const actions = await db.dataSource.query<Array<{ action: string; outcome: string }>>(
        `SELECT action, outcome FROM audit_log WHERE actor = $1 AND action LIKE 'MFA_%' ORDER BY id`,
        [user.nameId],
      );
      expect(actions).toEqual([
        { action: 'MFA_TOTP_ENROLLED', outcome: 'SUCCESS' },
        { action: 'MFA_FAILED', outcome: 'DENIED' },
        { action: 'MFA_VERIFIED', outcome: 'SUCCESS' },
        { action: 'MFA_FAILED', outcome: 'DENIED' },
        { action: 'MFA_VERIFIED', outcome: 'SUCCESS' },
        { action: 'MFA_FAILED', outcome: 'DENIED' },
      ]);
    });
  });

  describe('sessions', () => {
    it('ends a session idle longer than the idle timeout, and keeps an active one', async () => {
      const { cookie } = await signIn();
      clock.advance(20 * 60_000);
      await me(cookie).expect(200);
      clock.advance(20 * 60_000);
      await me(cookie).expect(200);
      clock.advance(30 * 60_000 + 1000);
      await me(cookie).expect(401);
    });

    it('ends an active session at its absolute timeout', async () => {
      const { cookie } = await signIn();
      for (let minutes = 25; minutes < 120; minutes += 25) {
        clock.advance(25 * 60_000);
        await me(cookie).expect(200);
      }
      clock.advance(25 * 60_000);
      await me(cookie).expect(401);
    });

    it('gives every login a new session id and ends the one the browser had', async () => {
      const first = await signIn();
      const { requestId } = await startLogin();
      const res = await postAcs(await idpAnswer(requestId), null, first.cookie);
      const second = setCookies(res).get('mc_session')!.value;
      expect(second).not.toBe(first.session);
      await me(first.cookie).expect(401);
      await me(`mc_session=${second}`).expect(200);
    });

    it('logs out: CSRF checked, session gone, cookies cleared, audited', async () => {
      const { cookie, csrf } = await signIn(APPROVER);
      const refused = await http().post('/auth/logout').set('Cookie', cookie).expect(403);
      expect(refused.body.error.code).toBe('CSRF_TOKEN_MISSING');
      const res = await http()
        .post('/auth/logout')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', csrf)
        .expect(204);
      expect(setCookies(res).get('mc_session')?.value).toBe('');
      await me(cookie).expect(401);
      await http().post('/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(401);
      const audit = await db.dataSource.query(
        `SELECT 1 FROM audit_log WHERE action = 'LOGOUT' AND actor = $1`,
        [APPROVER.nameId],
      );
      expect(audit).toHaveLength(1);
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing request by cookie without the header, or with a wrong one', async () => {
      const { session, csrf, cookie } = await signIn();
      const missing = await http().post('/api/v1/spec/write').set('Cookie', cookie).expect(403);
      expect(missing.body).toEqual({ error: { code: 'CSRF_TOKEN_MISSING', message: expect.any(String) } });
      const noCookie = await http()
        .post('/api/v1/spec/write')
        .set('Cookie', `mc_session=${session}`)
        .set('X-CSRF-Token', csrf)
        .expect(403);
      expect(noCookie.body.error.code).toBe('CSRF_TOKEN_MISSING');
      const wrong = await http()
        .post('/api/v1/spec/write')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', 'x'.repeat(43));
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('CSRF_TOKEN_MISMATCH');
      // An attacker who can set a cookie on the site still does not know this session's token.
      const forged = 'f'.repeat(43);
      const planted = await http()
        .post('/api/v1/spec/write')
        .set('Cookie', `mc_session=${session}; mc_csrf=${forged}`)
        .set('X-CSRF-Token', forged);
      expect(planted.status).toBe(403);
      expect(planted.body.error.code).toBe('CSRF_TOKEN_MISMATCH');

      await http().post('/api/v1/spec/write').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(201);
      await http().get('/api/v1/spec/read').set('Cookie', cookie).expect(200);
    });

    it('leaves API key requests alone', async () => {
      const { key } = await app
        .get(ApiKeyStore)
        .create({ name: 'uploader', roles: ['operator'], createdBy: 'spec' });
      await http().post('/api/v1/spec/write').set('Authorization', `Bearer ${key}`).expect(201);
      const { cookie } = await signIn();
      await http()
        .post('/api/v1/spec/write')
        .set('Authorization', `Bearer ${key}`)
        .set('Cookie', cookie)
        .expect(201);
    });
  });
});
