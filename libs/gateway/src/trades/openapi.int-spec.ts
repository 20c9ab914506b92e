import { DiscoveryModule } from '@nestjs/core';
import { createTestDatabase } from '@contingency/testing';
import { EventsModule } from '../events/events.module';
import { setupOpenApi } from '../http/openapi';
import { startTradesTestApp, type TradesTestApp } from './testing/trades-test-app';
import { TradesModule } from './trades.module';

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string }>; responses: object }>
  >;
}

describe('trades and events OpenAPI', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: TradesTestApp;

  beforeAll(async () => {
    db = await createTestDatabase('trades_openapi');
    server = await startTradesTestApp(
      db.dataSource,
      [DiscoveryModule, TradesModule, EventsModule],
      setupOpenApi,
    );
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('documents every route, with the query parameters of the zod schemas that validate them', async () => {
    const res = await fetch(server.api.replace(/\/api\/v1$/, '/api/docs-json'));
    const doc = (await res.json()) as OpenApiDocument;

    const queryOf = (path: string) =>
      (doc.paths[path].get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(queryOf('/api/v1/trades')).toEqual([
      'batchId',
      'status',
      'clientRef',
      'accountId',
      'route',
      'fundIsin',
      'limit',
      'cursor',
    ]);
    expect(queryOf('/api/v1/events')).toEqual(['after', 'batchId']);
    expect(doc.paths['/api/v1/trades/{id}'].get.responses).toHaveProperty('200');
    expect(doc.paths['/api/v1/trades/{id}/preview'].get.responses).toHaveProperty('200');
    expect(doc.paths['/api/v1/trades/{id}/cancel'].post.responses).toHaveProperty('200');
  });
});
