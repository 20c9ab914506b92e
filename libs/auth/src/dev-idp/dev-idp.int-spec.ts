import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@contingency/config';
import { createTestDatabase } from '@contingency/testing';
import { ManualClock, setCookies, startLoginApp } from '../saml/testing/login-harness';
import { developmentIdentityProvider, DevIdpRefusedError } from './dev-idp';
import { DevIdpModule } from './dev-idp.module';

const field = (html: string, name: string): string | undefined =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');

describe('development IdP (standalone)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const dataDir = mkdtempSync(join(tmpdir(), 'dev-idp-'));
  const config = loadConfig(
    { CONTINGENCY_MODE: 'standalone', DATA_DIR: dataDir, PORT: '8080' },
    { service: 'standalone' },
  );

  beforeAll(async () => {
    db = await createTestDatabase('dev_idp');
    const setup = developmentIdentityProvider(config);
    app = await startLoginApp(db, setup.login, new ManualClock(), {
      modules: [DevIdpModule.forRoot(setup, config.nodeEnv)],
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  it('signs a demo user in through its page, with or without an MFA context', async () => {
    for (const [user, mfa, expected] of [
      ['approver-1', 'on', { roles: ['approver'], mfa: 'idp' }],
      ['sre-2', undefined, { roles: [], mfa: 'pending' }],
    ] as const) {
      const start = await http().get('/auth/saml/login').query({ returnTo: '/trades' }).expect(302);
      const location = new URL(start.headers.location);
      expect(location.origin + location.pathname).toBe('http://localhost:8080/dev-idp/sso');

      const page = await http().get(`${location.pathname}${location.search}`).expect(200);
      expect(page.text).toContain('DEVELOPMENT IDENTITY PROVIDER — not for production');
      expect(page.text).toContain('value="operator-1"');
      expect(page.text).toContain('value="downstream-2"');

      const answer = await http()
        .post('/dev-idp/sso')
        .type('form')
        .send({
          SAMLRequest: field(page.text, 'SAMLRequest'),
          RelayState: field(page.text, 'RelayState'),
          user,
          ...(mfa && { mfa }),
        })
        .expect(200);
      expect(answer.text).toContain('action="http://localhost:8080/auth/saml/acs"');

      const acs = await http()
        .post('/auth/saml/acs')
        .type('form')
        .send({
          SAMLResponse: field(answer.text, 'SAMLResponse'),
          RelayState: field(answer.text, 'RelayState'),
        })
        .expect(303);
      expect(acs.headers.location).toBe('/trades');
      const cookie = `mc_session=${setCookies(acs).get('mc_session')!.value}`;
      const me = await http().get('/auth/me').set('Cookie', cookie).expect(200);
      expect(me.body).toMatchObject({ principal: user, ...expected });
    }
  });

  it('signs out through its SingleLogoutService: logout → /dev-idp/slo → /auth/saml/slo → /', async () => {
    const start = await http().get('/auth/saml/login').expect(302);
    const location = new URL(start.headers.location);
    const page = await http().get(`${location.pathname}${location.search}`).expect(200);
    const answer = await http()
      .post('/dev-idp/sso')
      .type('form')
      .send({ SAMLRequest: field(page.text, 'SAMLRequest'), user: 'operator-1', mfa: 'on' })
      .expect(200);
    const acs = await http()
      .post('/auth/saml/acs')
      .type('form')
      .send({ SAMLResponse: field(answer.text, 'SAMLResponse') })
      .expect(303);
    const cookies = setCookies(acs);
    const csrf = cookies.get('mc_csrf')!.value;
    const cookie = `mc_session=${cookies.get('mc_session')!.value}; mc_csrf=${csrf}`;

    const logout = await http()
      .post('/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .expect(200);
    const toIdp = new URL(logout.body.redirect as string);
    expect(toIdp.origin + toIdp.pathname).toBe('http://localhost:8080/dev-idp/slo');
    expect(toIdp.searchParams.get('Signature')).toBeTruthy();
    await http().get('/auth/me').set('Cookie', cookie).expect(401);

    const back = await http().get(`${toIdp.pathname}${toIdp.search}`).expect(302);
    const toSp = new URL(back.headers.location);
    expect(toSp.origin + toSp.pathname).toBe('http://localhost:8080/auth/saml/slo');
    const done = await http().get(`${toSp.pathname}${toSp.search}`).expect(303);
    expect(done.headers.location).toBe('/');

    // An unsigned LogoutRequest is refused by the IdP.
    toIdp.searchParams.delete('Signature');
    await http().get(`${toIdp.pathname}${toIdp.search}`).expect(401);
  });

  it('keeps its signing key under DATA_DIR across restarts', () => {
    const first = developmentIdentityProvider(config);
    const again = developmentIdentityProvider(config);
    expect(again.settings.certificates).toEqual(first.settings.certificates);
    expect(again.spKeys).toEqual(first.spKeys);
    expect(first.spKeys.certificatePem).not.toBe(first.keys.certificatePem);
    expect(first.settings).toMatchObject({
      entityId: 'http://localhost:8080/dev-idp/metadata',
      ssoUrl: 'http://localhost:8080/dev-idp/sso',
      sloUrl: 'http://localhost:8080/dev-idp/slo',
    });
  });

  it('publishes IdP metadata', async () => {
    const res = await http().get('/dev-idp/metadata').buffer(true).expect(200);
    expect(String(res.text ?? res.body)).toContain('IDPSSODescriptor');
    expect(String(res.text ?? res.body)).toContain('Location="http://localhost:8080/dev-idp/slo"');
  });

  it('refuses to start with NODE_ENV=production', () => {
    const production = { ...config, nodeEnv: 'production' as const };
    expect(() => developmentIdentityProvider(production)).toThrow(DevIdpRefusedError);
    expect(() => DevIdpModule.forRoot(developmentIdentityProvider(config), 'production')).toThrow(
      DevIdpRefusedError,
    );
  });
});
