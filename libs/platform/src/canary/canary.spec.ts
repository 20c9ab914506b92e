import { MetricsRegistry } from '@contingency/observability';
import { Canary } from './canary';
import { CanaryMetrics } from './canary.metrics';

const tick = () => new Promise((resolve) => setImmediate(resolve));

// One process-wide prom-client registry: each test gets a service name of its own.
let services = 0;
function setup({ intervalMs = 30_000, timeoutMs }: { intervalMs?: number; timeoutMs?: number } = {}) {
  const registry = new MetricsRegistry();
  const service = `canary-spec-${++services}`;
  const prefix = service.replace(/-/g, '_');
  const logger = { warn: jest.fn(), info: jest.fn(), error: jest.fn() };
  const sut = new Canary(new CanaryMetrics(registry), { intervalMs, timeoutMs }, logger as never);
  const sample = async (name: string, labels: Record<string, string>): Promise<number | undefined> => {
    const metric = await registry.registry.getSingleMetric(`${prefix}_${name}`)?.get();
    const match = (value: { labels: Record<string, unknown> }) =>
      Object.entries(labels).every(([k, v]) => value.labels[k] === v);
    return metric?.values.find(match)?.value;
  };
  return { sut, service, prefix, registry, logger, sample };
}

describe(Canary.name, () => {
  afterEach(() => jest.useRealTimers());

  it('starts every registered target at zero, before the first probe', async () => {
    const { sut, service, prefix, registry } = setup();
    sut.register({ service, target: 'casie', probe: () => Promise.resolve() });

    const text = await registry.metrics();
    expect(text).toContain(`${prefix}_canary_probes_total{target="casie",outcome="success"} 0`);
    expect(text).toContain(`${prefix}_canary_probes_total{target="casie",outcome="failure"} 0`);
    expect(text).toContain(`${prefix}_canary_last_success_timestamp_seconds{target="casie"} 0`);
  });

  it('counts each outcome per target and keeps the time of the last success', async () => {
    const { sut, service, sample } = setup();
    let sftpUp = true;
    sut.register({ service, target: 'postgresql', probe: () => Promise.resolve() });
    sut.register({
      service,
      target: 'calastone',
      probe: () => (sftpUp ? Promise.resolve() : Promise.reject(new Error('ECONNREFUSED'))),
    });

    const before = Date.now() / 1_000;
    expect(await sut.probeAll()).toEqual({
      [`${service}/postgresql`]: 'success',
      [`${service}/calastone`]: 'success',
    });
    const firstSuccess = (await sample('canary_last_success_timestamp_seconds', { target: 'calastone' }))!;
    expect(firstSuccess).toBeGreaterThanOrEqual(Math.floor(before));

    sftpUp = false;
    await sut.probeAll();
    await sut.probeAll();

    expect(await sample('canary_probes_total', { target: 'calastone', outcome: 'success' })).toBe(1);
    expect(await sample('canary_probes_total', { target: 'calastone', outcome: 'failure' })).toBe(2);
    expect(await sample('canary_probes_total', { target: 'postgresql', outcome: 'success' })).toBe(3);
    expect(await sample('canary_probes_total', { target: 'postgresql', outcome: 'failure' })).toBe(0);
    expect(await sample('canary_last_success_timestamp_seconds', { target: 'calastone' })).toBe(firstSuccess);
  });

  it('fails a probe that does not answer within the timeout, or throws at once', async () => {
    const { sut, service, sample } = setup({ timeoutMs: 20 });
    sut.register({ service, target: 'casie', probe: () => new Promise<void>(() => undefined) });
    sut.register({
      service,
      target: 'kafka',
      probe: () => {
        throw new Error('no brokers');
      },
    });

    expect(await sut.probeAll()).toEqual({
      [`${service}/casie`]: 'failure',
      [`${service}/kafka`]: 'failure',
    });
    expect(await sample('canary_probes_total', { target: 'casie', outcome: 'failure' })).toBe(1);
  });

  it('logs when a target goes down and when it comes back, not at every failed probe', async () => {
    const { sut, service, logger } = setup();
    const outcomes = [true, false, false, false, true];
    sut.register({
      service,
      target: 'casie',
      probe: () => (outcomes.shift() ? Promise.resolve() : Promise.reject(new Error('HTTP 503'))),
    });

    for (let round = 0; round < 5; round++) await sut.probeAll();

    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith('canary: casie unreachable: HTTP 503', expect.anything());
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith('canary: casie reachable again', expect.anything());
  });

  it('masks a password that a failure quotes', async () => {
    const { sut, service, logger } = setup();
    sut.register({
      service,
      target: 'postgresql',
      probe: () => Promise.reject(new Error('cannot reach postgres://app:s3cret@db:5432/ledger')),
    });
    await sut.probeAll();
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('s3cret');
  });

  it('refuses the same target twice for one service', () => {
    const { sut, service } = setup();
    sut.register({ service, target: 'casie', probe: () => Promise.resolve() });
    expect(() => sut.register({ service, target: 'casie', probe: () => Promise.resolve() })).toThrow(
      /already registered/,
    );
  });

  it('probes shortly after the app has started, then every interval, and stops with it', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { sut, service } = setup({ intervalMs: 1_000 });
    const probe = jest.fn(() => Promise.resolve());
    sut.register({ service, target: 'casie', probe });

    sut.onApplicationBootstrap();
    await tick();
    expect(probe).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(probe).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(probe).toHaveBeenCalledTimes(2);

    await sut.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(probe).toHaveBeenCalledTimes(2);
  });
});
