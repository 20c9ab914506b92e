import { Writable } from 'node:stream';
import { Body, Controller, Get, Param, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { transports, type Logger } from 'winston';
import { AppLogger } from './app.logger';
import { HealthRegistry } from './health.registry';
import { currentLogContext } from './log-context';
import { ObservabilityModule } from './observability.module';
import { LOGGER, OBSERVABILITY_ROUTES } from './observability.tokens';

@Controller('batches')
class BatchesController {
  @Get(':id')
  get(@Param('id') id: string): { id: string; correlationId?: string } {
    return { id, correlationId: currentLogContext().correlationId };
  }

  @Post()
  async create(@Body() body: { name: string }): Promise<{ name: string; correlationId?: string }> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { name: body.name, correlationId: currentLogContext().correlationId };
  }

  @Get(':id/explode')
  explode(): never {
    throw new Error('ledger unavailable');
  }
}

describe(ObservabilityModule.name, () => {
  let app: INestApplication;
  let health: HealthRegistry;
  let dependencyUp: boolean;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ service: 'probe-service', logLevel: 'error' })],
      controllers: [BatchesController],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(AppLogger));
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    app.get<Logger>(LOGGER).clear().add(new transports.Stream({ stream }));
    app.setGlobalPrefix('api/v1', { exclude: OBSERVABILITY_ROUTES });
    await app.init();
    health = app.get(HealthRegistry);
    dependencyUp = true;
    health.register('ledger', () =>
      dependencyUp ? Promise.resolve() : Promise.reject(new Error('connection refused')),
    );
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers /healthz with 200 outside the API prefix', async () => {
    const res = await request(app.getHttpServer()).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: {} });
  });

  it('answers /readyz with 200 while the readiness checks pass', async () => {
    dependencyUp = true;
    const res = await request(app.getHttpServer()).get('/readyz').expect(200);
    expect(res.body.checks.ledger).toMatchObject({ status: 'ok' });
  });

  it('answers /readyz with 503 naming the failing check', async () => {
    dependencyUp = false;
    const res = await request(app.getHttpServer()).get('/readyz').expect(503);
    expect(res.body).toMatchObject({
      status: 'error',
      checks: { ledger: { status: 'error', error: 'connection refused' } },
    });
    // A failing dependency is not a reason to restart the process.
    await request(app.getHttpServer()).get('/healthz').expect(200);
  });

  it('counts requests by route template in /metrics', async () => {
    await request(app.getHttpServer()).get('/api/v1/batches/b-123').expect(200);
    await request(app.getHttpServer()).get('/api/v1/nowhere/42').expect(404);

    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain(
      'probe_service_http_requests_total{method="GET",route="/api/v1/batches/:id",status_code="200"} 1',
    );
    expect(res.text).toContain(
      'probe_service_http_requests_total{method="GET",route="unmatched",status_code="404"} 1',
    );
    expect(res.text).not.toContain('b-123');
    expect(res.text).not.toMatch(/route="\/(healthz|readyz|metrics)"/);
    expect(res.text).toContain('process_cpu_seconds_total');
  });

  it('echoes the caller’s x-correlation-id and handles the request under it', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/v1/batches/b-1')
      .set('x-correlation-id', 'corr-42')
      .expect(200);
    expect(res.headers['x-correlation-id']).toBe('corr-42');
    expect(res.body.correlationId).toBe('corr-42');
  });

  it('keeps the correlation id through body parsing and awaits', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/batches')
      .set('x-correlation-id', 'corr-post')
      .send({ name: 'trades.csv' })
      .expect(201);
    expect(res.body).toEqual({ name: 'trades.csv', correlationId: 'corr-post' });
  });

  it('sends Nest’s own error log through the service logger, with the correlation id', async () => {
    await request(app.getHttpServer())
      .get('/api/v1/batches/b-1/explode')
      .set('x-correlation-id', 'corr-500')
      .expect(500);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        service: 'probe-service',
        context: 'ExceptionsHandler',
        correlationId: 'corr-500',
        stack: expect.stringContaining('explode'),
      }),
    );
  });

  it('makes a correlation id when the caller sends none or an unusable one', async () => {
    const none = await request(app.getHttpServer()).get('/api/v1/batches/b-1').expect(200);
    const bad = await request(app.getHttpServer())
      .get('/api/v1/batches/b-1')
      .set('x-correlation-id', 'a b\tc')
      .expect(200);
    for (const res of [none, bad]) {
      expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
    }
  });
});
