import { randomUUID } from 'node:crypto';
import { type InProcessStandalone, startStandaloneInProcess } from './standalone-in-process';

// Walks every route the product serves (its OpenAPI document) so that a new route that forgets to
// declare who may call it fails here: without credentials everything but the public routes is 401,
// and no route answers an admin with ROUTE_HAS_NO_ROLES.
const PUBLIC = new Set([
  'get /healthz',
  'get /readyz',
  'get /metrics',
  // Casie's own API, served by the simulator: the adapter calls it as it would call Casie.
  'post /sim/casie/orders',
  'get /sim/casie/orders/{orderRef}',
]);

describe('route access', () => {
  let standalone: InProcessStandalone;
  let operations: Array<[method: string, path: string]>;
  const url = (path: string) => `${standalone.url}${path.replace(/\{[^}]+\}/g, randomUUID())}`;

  beforeAll(async () => {
    standalone = await startStandaloneInProcess('route_access');
    const document = (await (await fetch(`${standalone.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method): [string, string] => [method, path]),
    );
  }, 60_000);

  afterAll(async () => {
    await standalone?.stop();
  });

  it('knows the API', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations).toContainEqual(['post', '/api/v1/batches']);
  });

  it('refuses every non-public route without credentials', async () => {
    const unguarded: string[] = [];
    for (const [method, path] of operations) {
      if (PUBLIC.has(`${method} ${path}`)) continue;
      const res = await fetch(url(path), { method: method.toUpperCase() });
      if (res.status !== 401) unguarded.push(`${method.toUpperCase()} ${path} → ${res.status}`);
    }
    expect(unguarded).toEqual([]);
  });

  it('has a role declaration on every route', async () => {
    const undeclared: string[] = [];
    for (const [method, path] of operations) {
      const res = await fetch(url(path), {
        method: method.toUpperCase(),
        headers: { authorization: `Bearer ${standalone.adminKey}` },
      });
      if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
        await res.body?.cancel(); // a live stream: it was let through, so its roles are declared
        continue;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
      if (body.error?.code === 'ROUTE_HAS_NO_ROLES') undeclared.push(`${method.toUpperCase()} ${path}`);
    }
    expect(undeclared).toEqual([]);
  });
});
