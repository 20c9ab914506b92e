import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@contingency/config';
import { setupOpenApi } from '@contingency/gateway';
import { createServiceApp } from '@contingency/platform';
import { standaloneFeatures } from '@contingency/standalone';
import { createTestDatabase } from '@contingency/testing';

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
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let operations: Array<[method: string, path: string]>;
  const port = 26_000 + Math.floor(Math.random() * 900);
  const adminKey = randomBytes(32).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), 'contingency-routes-'));
  const url = (path: string) => `http://127.0.0.1:${port}${path.replace(/\{[^}]+\}/g, randomUUID())}`;

  beforeAll(async () => {
    db = await createTestDatabase('route_access');
    await db.dataSource.destroy();
    const config = loadConfig(
      { ...process.env, CONTINGENCY_MODE: 'standalone', PORT: String(port), DATA_DIR: dataDir },
      { service: 'standalone', defaultPort: port },
    );
    app = await createServiceApp(
      {
        service: 'standalone',
        defaultPort: port,
        features: (c) =>
          standaloneFeatures(c, {
            casieUrl: `http://127.0.0.1:${port}/sim/casie`,
            bootstrapAdminKey: adminKey,
          }),
        configure: (nest) => setupOpenApi(nest),
      },
      config,
      db.url,
    );
    await app.listen(port, '127.0.0.1');
    const document = (await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method): [string, string] => [method, path]),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
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
        headers: { authorization: `Bearer ${adminKey}` },
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
