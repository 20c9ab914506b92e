import { HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Request } from 'express';
import { Registry } from 'prom-client';
import type { Logger } from 'winston';
import type { Role } from '@contingency/contracts';
import { ServiceMetrics } from '@contingency/observability';
import type { ApiKeyStore } from './api-key.store';
import { AuthGuard, DENIAL_REASONS, type DenialReason } from './auth.guard';
import type { Authenticator } from './authenticator';
import { BearerApiKeyAuthenticator } from './bearer-api-key.authenticator';
import { PRINCIPAL_KEY } from './current-principal.decorator';
import type { Principal } from './principal';
import { Public, Roles } from './roles.decorator';

class SpecController {
  @Public() open(): void {}
  undeclared(): void {}
  @Roles('admin') adminOnly(): void {}
  @Roles('approver', 'admin') approve(): void {}
  @Roles() nobody(): void {}
  @Public() @Roles('admin') contradictory(): void {}
}

@Roles('viewer')
class ViewerController {
  read(): void {}
  @Public() ping(): void {}
  @Roles('admin') purge(): void {}
}

@Public()
class PublicController {
  hello(): void {}
  @Roles('sre') internal(): void {}
}

const OPERATOR_KEY = `mck_0000000a_${'o'.repeat(43)}`;
const ADMIN_KEY = `mck_0000000b_${'a'.repeat(43)}`;
const REVOKED_KEY = `mck_0000000c_${'r'.repeat(43)}`;

const principal = (id: string, roles: Role[]): Principal => ({
  id,
  displayName: id,
  kind: 'api-key',
  roles,
  credentialId: `${id}-key`,
});

// The store's contract as the guard sees it: a principal for a live key, null for anything else.
class FakeKeyStore {
  private readonly keys = new Map<string, { principal: Principal; revoked: boolean }>([
    [OPERATOR_KEY, { principal: principal('olivia', ['operator']), revoked: false }],
    [ADMIN_KEY, { principal: principal('adam', ['admin', 'viewer']), revoked: false }],
    [REVOKED_KEY, { principal: principal('rex', ['admin']), revoked: true }],
  ]);

  verify(key: string): Promise<Principal | null> {
    const entry = this.keys.get(key);
    return Promise.resolve(entry && !entry.revoked ? entry.principal : null);
  }
}

interface Call {
  handler: keyof SpecController | keyof ViewerController | keyof PublicController;
  controller?: new () => object;
  authorization?: string;
  path?: string;
  type?: 'http' | 'rpc';
}

function setup(extra: Authenticator[] = []) {
  const registry = new Registry();
  const logged: unknown[][] = [];
  const logger = { log: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
  const bearer = new BearerApiKeyAuthenticator(new FakeKeyStore() as unknown as ApiKeyStore);
  const sut = new AuthGuard(
    new Reflector(),
    [bearer, ...extra],
    logger,
    new ServiceMetrics('spec', registry),
  );

  async function call({
    handler,
    controller = SpecController,
    authorization,
    path = '/api/v1/x',
    type,
  }: Call) {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const req = { method: 'POST', path, headers, ip: '10.0.0.9' } as unknown as Request;
    const responseHeaders: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (responseHeaders[name] = value) };
    const method = (controller.prototype as Record<string, () => void>)[handler];
    const context = new ExecutionContextHost([req, res], controller as never, method);
    if (type) context.setType(type);
    try {
      const allowed = await sut.canActivate(context);
      return { allowed, req, responseHeaders };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      return { allowed: false, error, body: error.getResponse(), req, responseHeaders };
    }
  }

  const denials = async (reason: DenialReason): Promise<number> => {
    const metric = await registry.getSingleMetric('spec_auth_denials_total')!.get();
    return metric.values.find((v) => v.labels.reason === reason)?.value ?? NaN;
  };

  return { sut, call, denials, logged, registry };
}

type Expected =
  | { pass: true; principal?: string }
  | { status: 401 | 403; code: string; reason: DenialReason; message: RegExp };

const CASES: Array<[string, Call, Expected]> = [
  ['a @Public route, without credentials', { handler: 'open' }, { pass: true }],
  [
    'a @Public route, even with a bad key',
    { handler: 'open', authorization: 'Bearer nonsense' },
    { pass: true },
  ],
  [
    'a route with neither @Roles nor @Public, even for an admin',
    { handler: 'undeclared', authorization: `Bearer ${ADMIN_KEY}` },
    {
      status: 403,
      code: 'ROUTE_HAS_NO_ROLES',
      reason: 'route_has_no_roles',
      message: /POST \/api\/v1\/x declares neither @Roles nor @Public/,
    },
  ],
  [
    'an empty @Roles()',
    { handler: 'nobody', authorization: `Bearer ${ADMIN_KEY}` },
    { status: 403, code: 'ROUTE_HAS_NO_ROLES', reason: 'route_has_no_roles', message: /neither/ },
  ],
  [
    'no Authorization header',
    { handler: 'adminOnly' },
    {
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'missing_credentials',
      message: /send Authorization: Bearer <api key>/,
    },
  ],
  [
    'a header of another scheme',
    { handler: 'adminOnly', authorization: `Basic ${Buffer.from('adam:pw').toString('base64')}` },
    { status: 401, code: 'UNAUTHENTICATED', reason: 'invalid_credentials', message: /not accepted/ },
  ],
  [
    'a bearer header without a token',
    { handler: 'adminOnly', authorization: 'Bearer ' },
    { status: 401, code: 'UNAUTHENTICATED', reason: 'invalid_credentials', message: /not accepted/ },
  ],
  [
    'a bearer token with a space in it',
    { handler: 'adminOnly', authorization: `Bearer ${ADMIN_KEY} extra` },
    { status: 401, code: 'UNAUTHENTICATED', reason: 'invalid_credentials', message: /not accepted/ },
  ],
  [
    'an unknown key',
    { handler: 'adminOnly', authorization: `Bearer mck_0000000d_${'u'.repeat(43)}` },
    {
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'invalid_credentials',
      message: /unknown, malformed or revoked/,
    },
  ],
  [
    'a revoked key',
    { handler: 'adminOnly', authorization: `Bearer ${REVOKED_KEY}` },
    { status: 401, code: 'UNAUTHENTICATED', reason: 'invalid_credentials', message: /revoked/ },
  ],
  [
    'the wrong role',
    { handler: 'adminOnly', authorization: `Bearer ${OPERATOR_KEY}` },
    {
      status: 403,
      code: 'FORBIDDEN',
      reason: 'forbidden',
      message: /needs one of the roles admin; you have operator/,
    },
  ],
  [
    'none of several roles',
    { handler: 'approve', authorization: `Bearer ${OPERATOR_KEY}` },
    { status: 403, code: 'FORBIDDEN', reason: 'forbidden', message: /roles approver, admin/ },
  ],
  [
    'the right role',
    { handler: 'adminOnly', authorization: `Bearer ${ADMIN_KEY}` },
    { pass: true, principal: 'adam' },
  ],
  [
    'one of several roles',
    { handler: 'approve', authorization: `Bearer ${ADMIN_KEY}` },
    { pass: true, principal: 'adam' },
  ],
  [
    'the scheme in any case',
    { handler: 'adminOnly', authorization: `bearer ${ADMIN_KEY}` },
    { pass: true, principal: 'adam' },
  ],
  [
    '@Public and @Roles on one handler: the roles apply (fails closed)',
    { handler: 'contradictory' },
    {
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'missing_credentials',
      message: /Authentication required/,
    },
  ],
  [
    "the controller's @Roles when the handler declares nothing",
    { controller: ViewerController, handler: 'read', authorization: `Bearer ${OPERATOR_KEY}` },
    { status: 403, code: 'FORBIDDEN', reason: 'forbidden', message: /roles viewer/ },
  ],
  [
    "the handler's @Public over the controller's @Roles",
    { controller: ViewerController, handler: 'ping' },
    { pass: true },
  ],
  [
    "the handler's @Roles over the controller's @Roles",
    { controller: ViewerController, handler: 'purge', authorization: `Bearer ${ADMIN_KEY}` },
    { pass: true, principal: 'adam' },
  ],
  [
    "the handler's @Roles over the controller's @Public",
    { controller: PublicController, handler: 'internal' },
    {
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'missing_credentials',
      message: /Authentication required/,
    },
  ],
  ["the controller's @Public", { controller: PublicController, handler: 'hello' }, { pass: true }],
  ...['/healthz', '/readyz', '/metrics', '/api/docs', '/api/docs-json', '/api/docs/swagger-ui.css'].map(
    (path): [string, Call, Expected] => [
      `the undeclared probe or docs path ${path}`,
      { handler: 'undeclared', path },
      { pass: true },
    ],
  ),
  [
    'an undeclared route that only looks like a probe',
    { handler: 'undeclared', path: '/api/v1/healthz' },
    { status: 403, code: 'ROUTE_HAS_NO_ROLES', reason: 'route_has_no_roles', message: /neither/ },
  ],
];

describe(AuthGuard.name, () => {
  it.each(CASES)('%s', async (_label, request, expected) => {
    const { call, denials } = setup();
    const outcome = await call(request);
    if ('pass' in expected) {
      expect(outcome).toMatchObject({ allowed: true });
      const seen = (outcome.req as unknown as Record<string, Principal | undefined>)[PRINCIPAL_KEY];
      expect(seen?.id).toBe(expected.principal);
      for (const reason of DENIAL_REASONS) expect(await denials(reason)).toBe(0);
      return;
    }
    expect(outcome.error?.getStatus()).toBe(expected.status);
    expect(outcome.body).toEqual({ code: expected.code, message: expect.stringMatching(expected.message) });
    expect(outcome.responseHeaders['WWW-Authenticate']).toBe(expected.status === 401 ? 'Bearer' : undefined);
    expect(await denials(expected.reason)).toBe(1);
  });

  it('initialises every denial reason to zero, so alerts see the series before the first denial', async () => {
    const { registry } = setup();
    const text = await registry.metrics();
    for (const reason of DENIAL_REASONS)
      expect(text).toContain(`spec_auth_denials_total{reason="${reason}"} 0`);
  });

  it('logs a denial with who and where, but never the credential', async () => {
    const { call, logged } = setup();
    await call({ handler: 'adminOnly', authorization: `Bearer ${OPERATOR_KEY}` });
    await call({ handler: 'adminOnly', authorization: `Bearer ${REVOKED_KEY}`, path: '/api/v1/x' });
    expect(logged).toHaveLength(2);
    expect(logged[0]).toEqual([
      'warn',
      'request refused: forbidden',
      expect.objectContaining({
        reason: 'forbidden',
        method: 'POST',
        principal: 'olivia',
        sourceIp: '10.0.0.9',
      }),
    ]);
    const text = JSON.stringify(logged);
    for (const secret of [OPERATOR_KEY, REVOKED_KEY, 'o'.repeat(43), 'r'.repeat(43)]) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs a route without a declaration as an error: it is a bug in the code, not in the call', async () => {
    const { call, logged } = setup();
    await call({ handler: 'undeclared' });
    expect(logged[0]?.[0]).toBe('error');
  });

  it('asks the next authenticator when one does not know the caller', async () => {
    const session: Authenticator = {
      presented: () => true,
      authenticate: () => Promise.resolve(principal('sam', ['approver'])),
    };
    const { call } = setup([session]);
    const outcome = await call({ handler: 'approve' });
    expect(outcome.allowed).toBe(true);
    expect((outcome.req as unknown as Record<string, Principal>)[PRINCIPAL_KEY].id).toBe('sam');
  });

  it('stops at the first authenticator that knows the caller', async () => {
    const later = { presented: () => true, authenticate: jest.fn() };
    const { call } = setup([later]);
    await call({ handler: 'adminOnly', authorization: `Bearer ${ADMIN_KEY}` });
    expect(later.authenticate).not.toHaveBeenCalled();
  });

  it('lets an authenticator failure (the database is down) through as an error, not as a 401', async () => {
    const broken: Authenticator = {
      presented: () => true,
      authenticate: () => Promise.reject(new Error('db down')),
    };
    const { call } = setup([broken]);
    await expect(call({ handler: 'adminOnly' })).rejects.toThrow('db down');
  });

  it('refuses a non-HTTP context', async () => {
    const { call } = setup();
    await expect(call({ handler: 'open', type: 'rpc' })).resolves.toMatchObject({ allowed: false });
  });
});
