import { MetricsRegistry } from '@contingency/observability';
import { AcksMetrics } from './acks.metrics';

describe(AcksMetrics.name, () => {
  // One process-wide registry: the histograms accumulate across tests, so each test reads differences.
  const registry = new MetricsRegistry();
  const sut = new AcksMetrics(registry);
  const count = async (name: string, route: string): Promise<number> => {
    const metric = await registry.registry.getSingleMetric(name)!.get();
    return (
      metric.values.find(
        (v) => (v as { metricName?: string }).metricName === `${name}_count` && v.labels.route === route,
      )?.value ?? NaN
    );
  };

  it('starts both release histograms at zero for every route', async () => {
    const text = await registry.metrics();
    for (const route of ['CASIE', 'CALASTONE', 'none']) {
      expect(text).toContain(`ack_ingestor_release_to_ack_seconds_count{route="${route}"} 0`);
      expect(text).toContain(`ack_ingestor_release_to_confirmation_seconds_count{route="${route}"} 0`);
    }
  });

  it('observes the first answer as an ACK, a confirmation as a confirmation, both when one is both', async () => {
    const released = new Date('2026-12-04T10:00:00Z');
    const ack = 'ack_ingestor_release_to_ack_seconds';
    const confirmation = 'ack_ingestor_release_to_confirmation_seconds';
    const before = { ack: await count(ack, 'CASIE'), confirmation: await count(confirmation, 'CASIE') };

    sut.answered('CASIE', released, new Date('2026-12-04T10:00:42Z'), { first: true, confirmed: false });
    sut.answered('CASIE', released, new Date('2026-12-04T10:05:00Z'), { first: false, confirmed: true });
    sut.answered('CASIE', released, new Date('2026-12-04T10:01:00Z'), { first: true, confirmed: true });

    expect(await count(ack, 'CASIE')).toBe(before.ack + 2);
    expect(await count(confirmation, 'CASIE')).toBe(before.confirmation + 2);
    expect(await registry.metrics()).toMatch(
      /ack_ingestor_release_to_ack_seconds_bucket\{le="60",route="CASIE"\} [2-9]/,
    );
  });

  it('labels a trade without a route none', async () => {
    const before = await count('ack_ingestor_release_to_ack_seconds', 'none');
    sut.answered(null, new Date(0), new Date(1_000), { first: true, confirmed: false });
    expect(await count('ack_ingestor_release_to_ack_seconds', 'none')).toBe(before + 1);
  });
});
