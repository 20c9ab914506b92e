import { Registry } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';
import { ServiceMetrics } from './service.metrics';

function setup(service = 'upload-gateway'): { sut: ServiceMetrics; registry: Registry } {
  const registry = new Registry();
  return { sut: new ServiceMetrics(service, registry), registry };
}

describe(ServiceMetrics.name, () => {
  it('names the ready-made families <service>_<noun>_<unit> with bounded labels', async () => {
    const { registry } = setup();
    const metrics = await registry.getMetricsAsJSON();
    expect(metrics.map(({ name, type }) => [name, type])).toEqual([
      ['upload_gateway_http_requests_total', 'counter'],
      ['upload_gateway_http_request_duration_seconds', 'histogram'],
      ['upload_gateway_messages_consumed_total', 'counter'],
      ['upload_gateway_messages_produced_total', 'counter'],
      ['upload_gateway_messages_failed_total', 'counter'],
      ['upload_gateway_messages_retried_total', 'counter'],
      ['upload_gateway_messages_dead_lettered_total', 'counter'],
      ['upload_gateway_message_processing_seconds', 'histogram'],
    ]);
    const labels = (name: string): unknown =>
      (registry.getSingleMetric(name) as unknown as { labelNames: string[] }).labelNames;
    expect(labels('upload_gateway_http_requests_total')).toEqual(['method', 'route', 'status_code']);
    expect(labels('upload_gateway_http_request_duration_seconds')).toEqual([
      'method',
      'route',
      'status_code',
    ]);
    expect(labels('upload_gateway_messages_failed_total')).toEqual(['topic', 'reason']);
    expect(labels('upload_gateway_message_processing_seconds')).toEqual(['topic']);
  });

  it('initialises the series of known topics to zero, for every failure reason', async () => {
    const { sut, registry } = setup('validation-service');
    sut.initTopics(['trades.received.v1', 'trades.validated.v1']);
    const text = await registry.metrics();
    for (const topic of ['trades.received.v1', 'trades.validated.v1']) {
      expect(text).toContain(`validation_service_messages_consumed_total{topic="${topic}"} 0`);
      expect(text).toContain(`validation_service_messages_produced_total{topic="${topic}"} 0`);
      for (const reason of ['retry', 'dead_letter', 'contract']) {
        expect(text).toContain(
          `validation_service_messages_failed_total{topic="${topic}",reason="${reason}"} 0`,
        );
      }
      expect(text).toContain(`validation_service_message_processing_seconds_count{topic="${topic}"} 0`);
      expect(text).toContain(`validation_service_messages_retried_total{topic="${topic}"} 0`);
      expect(text).toContain(`validation_service_messages_dead_lettered_total{topic="${topic}"} 0`);
    }
  });

  it('counts a retry as retried and both kinds of dead letter as dead-lettered', async () => {
    const { sut, registry } = setup('casie-adapter');
    const topic = 'orders.casie.v1';
    sut.initTopics([topic]);
    sut.messageFailed(topic, 'retry');
    sut.messageFailed(topic, 'retry');
    sut.messageFailed(topic, 'dead_letter');
    sut.messageFailed(topic, 'contract');
    const text = await registry.metrics();
    expect(text).toContain(`casie_adapter_messages_retried_total{topic="${topic}"} 2`);
    expect(text).toContain(`casie_adapter_messages_dead_lettered_total{topic="${topic}"} 2`);
    expect(text).toContain(`casie_adapter_messages_failed_total{topic="${topic}",reason="contract"} 1`);
  });

  it('records HTTP requests by method, route template and status code', async () => {
    const { sut, registry } = setup();
    sut.observeHttp({ method: 'get', route: '/api/v1/batches/:id', statusCode: 200, seconds: 0.01 });
    expect(await registry.metrics()).toContain(
      'upload_gateway_http_requests_total{method="GET",route="/api/v1/batches/:id",status_code="200"} 1',
    );
  });

  it('gets or creates the service’s own metrics under its prefix', () => {
    const { sut, registry } = setup('casie-adapter');
    const first = sut.counter('casie_requests_total', 'Casie calls', ['outcome']);
    expect(sut.counter('casie_requests_total', 'Casie calls', ['outcome'])).toBe(first);
    sut.gauge('circuit_open_ratio', 'Casie circuit state');
    sut.histogram('casie_request_duration_seconds', 'Casie latency', [], [0.1, 1]);
    expect(registry.getSingleMetric('casie_adapter_casie_requests_total')).toBe(first);
    expect(registry.getSingleMetric('casie_adapter_circuit_open_ratio')).toBeDefined();
    expect(registry.getSingleMetric('casie_adapter_casie_request_duration_seconds')).toBeDefined();
  });

  it('refuses a name reused with other labels or type, and badly formed names', () => {
    const { sut } = setup();
    sut.counter('uploads_total', 'Uploads', ['outcome']);
    expect(() => sut.counter('uploads_total', 'Uploads', ['user'])).toThrow(/upload_gateway_uploads_total/);
    expect(() => sut.gauge('uploads_total', 'Uploads', ['outcome'])).toThrow(/another type/);
    expect(() => sut.counter('uploads', 'Uploads')).toThrow(/_total/);
    expect(() => sut.gauge('Uploads-Now', 'Uploads')).toThrow(/snake case/);
  });
});

describe(MetricsRegistry.name, () => {
  it('shares one registry with default metrics across instances and caches each service', async () => {
    const first = new MetricsRegistry();
    const second = new MetricsRegistry();
    expect(second.registry).toBe(first.registry);
    expect(first.forService('ack-ingestor')).toBe(first.forService('ack-ingestor'));
    second.forService('ack-ingestor'); // the same names again: no "already registered" error

    const text = await first.metrics();
    expect(text).toContain('ack_ingestor_messages_consumed_total');
    expect(text.match(/^# TYPE process_cpu_seconds_total/gm)).toHaveLength(1);
  });
});
