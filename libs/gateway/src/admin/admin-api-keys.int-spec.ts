import { Writable } from 'node:stream';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createLogger, format, transports } from 'winston';
import { AuthModule, Public, BOOTSTRAP_ADMIN_PRINCIPAL } from '@contingency/auth';
import { LedgerModule } from '@contingency/ledger';
import { AppLogger, LOGGER, OBSERVABILITY_ROUTES, ObservabilityModule } from '@contingency/observability';
import { createTestDatabase } from '@contingency/testing';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { setupOpenApi } from '../http/openapi';
import { AdminModule } from './admin.module';

// Routes that exist only to show the guard's two ends: one open to all, one that forgot its roles.
@Controller('spec')
class SpecController {
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('forgotten')
  forgotten(): { ok: true } {
    return { ok: true };
  }
}

const BOOTSTRAP_SECRET = `bootstrap-${Math.random().toString(36).slice(2)}-with-enough-length-to-pass`;
const KEY_FORMAT = /^mck_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

describe('admin API keys (HTTP, real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const logLines: string[] = [];
  const issued: string[] = [BOOTSTRAP_SECRET];
  let app: INestApplication;

  async function startApp(): Promise<INestApplication> {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    // No masking here: what the code logs is checked as written.
    const logger = createLogger({
      level: 'debug',
      format: format.json(),
      transports: [new transports.Stream({ stream: logStream })],
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ service: 'admin-spec' }),
        LedgerModule.forDataSource(db.dataSource),
        AuthModule.forRoot({ bootstrapAdminKey: BOOTSTRAP_SECRET }),
        AdminModule,
      ],
      controllers: [SpecController],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    })
      .overrideProvider(LOGGER)
      .useValue(logger)
      .compile();
    const nest = moduleRef.createNestApplication({ bufferLogs: true });
    nest.useLogger(nest.get(AppLogger));
    nest.setGlobalPrefix('api/v1', { exclude: OBSERVABILITY_ROUTES });
    setupOpenApi(nest);
    return nest.init();
  }

  const http = () => request(app.getHttpServer());
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  async function createKey(body: object, key = BOOTSTRAP_SECRET): Promise<request.Response> {
    const res = await http().post('/api/v1/admin/api-keys').set(as(key)).send(body);
    if (typeof res.body?.key === 'string') issued.push(res.body.key);
    return res;
  }

  beforeAll(async () => {
    db = await createTestDatabase('admin_api_keys');
    app = await startApp();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('ensures the bootstrap admin key at start, once, however often the app starts', async () => {
    const second = await startApp();
    await second.close();

    const rows = await db.dataSource.query<Array<{ roles: string[]; revoked_at: Date | null }>>(
      'SELECT roles, revoked_at FROM api_keys WHERE principal = $1',
      [BOOTSTRAP_ADMIN_PRINCIPAL],
    );
    expect(rows).toEqual([{ roles: ['admin'], revoked_at: null }]);
    const audits = await db.dataSource.query<unknown[]>(
      `SELECT 1 FROM audit_log WHERE action = 'API_KEY_BOOTSTRAPPED'`,
    );
    expect(audits).toHaveLength(1);
    await http().get('/api/v1/admin/api-keys').set(as(BOOTSTRAP_SECRET)).expect(200);
  });

  it('lets an admin create an operator key, shown once, and audits who did it from where', async () => {
    const res = await createKey({ name: 'olivia uploads', roles: ['operator'], principal: 'olivia' });

    expect(res.status).toBe(201);
    const key = res.body.key as string;
    expect(res.body).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(KEY_FORMAT),
      name: 'olivia uploads',
      roles: ['operator'],
      principal: 'olivia',
      prefix: key.slice(4, 12),
    });
    const [audit] = await db.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT * FROM audit_log WHERE target_id = $1',
      [res.body.id],
    );
    expect(audit).toMatchObject({
      actor: BOOTSTRAP_ADMIN_PRINCIPAL,
      action: 'API_KEY_CREATED',
      outcome: 'SUCCESS',
      source_ip: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
  });

  it('refuses an operator key the admin API (403, naming the role needed)', async () => {
    const { body } = await createKey({ name: 'op', roles: ['operator'] });

    const res = await createKey({ name: 'escalate', roles: ['admin'] }, body.key);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/roles admin; you have operator/) },
    });
    await http().get('/api/v1/admin/api-keys').set(as(body.key)).expect(403);
  });

  it('answers 401 with WWW-Authenticate: Bearer without credentials, or with an unknown key', async () => {
    for (const headers of [
      {},
      as(`mck_00000000_${'x'.repeat(43)}`),
      { Authorization: 'Basic YWRtaW46YWRtaW4=' },
    ]) {
      const res = await http().get('/api/v1/admin/api-keys').set(headers);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    }
  });

  it('revokes a key: it stops working at once; revoking again is fine; an unknown id is 404', async () => {
    const { body } = await createKey({ name: 'temp admin', roles: ['admin'] });
    await http().get('/api/v1/admin/api-keys').set(as(body.key)).expect(200);

    await http().delete(`/api/v1/admin/api-keys/${body.id}`).set(as(BOOTSTRAP_SECRET)).expect(204);
    const res = await http().get('/api/v1/admin/api-keys').set(as(body.key));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');

    await http().delete(`/api/v1/admin/api-keys/${body.id}`).set(as(BOOTSTRAP_SECRET)).expect(204);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await http().delete(`/api/v1/admin/api-keys/${id}`).set(as(BOOTSTRAP_SECRET));
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
    }
    const [audit] = await db.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action = 'API_KEY_REVOKED'`,
      [body.id],
    );
    expect(audit).toEqual({ n: 1 });
  });

  it('lists keys with prefixes, roles and dates, never a secret or a hash', async () => {
    const { body: created } = await createKey({ name: 'listed', roles: ['viewer', 'downstream'] });

    const res = await http().get('/api/v1/admin/api-keys').set(as(BOOTSTRAP_SECRET)).expect(200);
    const listed = (res.body.items as Array<Record<string, unknown>>).find((k) => k.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      name: 'listed',
      principal: `api-key:${created.id}`,
      prefix: created.prefix,
      roles: ['viewer', 'downstream'],
      createdBy: BOOTSTRAP_ADMIN_PRINCIPAL,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUsedAt: null,
      revokedAt: null,
    });
    for (const item of res.body.items) expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['key']));
    for (const secret of issued) expect(res.text).not.toContain(secret);
    expect(res.text).not.toMatch(/[0-9a-f]{64}/);
  });

  it.each([
    ['an unknown role', { name: 'x', roles: ['superuser'] }],
    ['no roles', { name: 'x', roles: [] }],
    ['no name', { roles: ['viewer'] }],
    ['an unknown field', { name: 'x', roles: ['viewer'], key: 'my-own-secret' }],
  ])('refuses %s with 400 INVALID_REQUEST', async (_label, body) => {
    const res = await createKey(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'INVALID_REQUEST', message: expect.any(String) });
  });

  it('keeps probes, metrics and the API docs public, and documents the admin API', async () => {
    await http().get('/healthz').expect(200);
    await http().get('/metrics').expect(200);
    await http().get('/api/v1/spec/open').expect(200);
    const docs = await http().get('/api/docs-json').expect(200);
    const path = docs.body.paths['/api/v1/admin/api-keys'];
    expect(path.post.requestBody.content['application/json'].schema.properties).toHaveProperty('roles');
    expect(path.post.responses['201'].content['application/json'].schema.required).toContain('key');
    expect(docs.body.paths['/api/v1/admin/api-keys/{id}'].delete.responses).toHaveProperty('204');
  });

  it('refuses a route that declares no roles, even to an admin', async () => {
    const res = await http().get('/api/v1/spec/forgotten').set(as(BOOTSTRAP_SECRET));
    expect(res.status).toBe(403);
    // The code is ROUTE_HAS_NO_ROLES in the guard's exception; the filter renders 403s as FORBIDDEN.
    expect(res.body.error.message).toMatch(/declares neither @Roles nor @Public/);
  });

  it('counts denials by reason', async () => {
    const text = (await http().get('/metrics').expect(200)).text;
    const count = (reason: string) =>
      Number(new RegExp(`admin_spec_auth_denials_total\\{reason="${reason}"\\} (\\d+)`).exec(text)?.[1]);
    expect(count('missing_credentials')).toBeGreaterThanOrEqual(1);
    expect(count('invalid_credentials')).toBeGreaterThanOrEqual(3);
    expect(count('forbidden')).toBeGreaterThanOrEqual(2);
    expect(count('route_has_no_roles')).toBeGreaterThanOrEqual(1);
  });

  // Last: by now every kind of key has been created, used, refused and revoked.
  it('never writes a secret to the audit log or the logs', async () => {
    expect(issued.length).toBeGreaterThanOrEqual(5);
    const audit = JSON.stringify(await db.dataSource.query('SELECT * FROM audit_log'));
    const logs = logLines.join('\n');
    expect(logs).toMatch(/request refused: forbidden/);
    expect(logs).toMatch(/API key .* created/);
    for (const secret of issued) {
      const material = secret.startsWith('mck_') ? secret.slice(13) : secret;
      expect(audit).not.toContain(material);
      expect(logs).not.toContain(material);
    }
  });
});
