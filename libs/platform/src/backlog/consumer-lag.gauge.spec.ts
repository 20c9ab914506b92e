import type { GroupLag, MessagingRuntime } from '@contingency/messaging';
import { MetricsRegistry } from '@contingency/observability';
import { ConsumerLagGauge } from './consumer-lag.gauge';

describe(ConsumerLagGauge.name, () => {
  it('sets one series per group, topic and partition, and drops those the bus no longer reports', async () => {
    const registry = new MetricsRegistry();
    let lags: GroupLag[] = [
      { group: 'casie-adapter', topic: 'orders.casie.v1', partition: 0, lag: 5 },
      { group: 'casie-adapter', topic: 'orders.casie.v1', partition: 1, lag: 0 },
    ];
    const runtime = { consumerLag: () => Promise.resolve(lags) } as unknown as MessagingRuntime;
    const sut = new ConsumerLagGauge(runtime, registry.forService('lag-spec'), { intervalMs: 15_000 });

    await sut.refresh();
    let text = await registry.metrics();
    expect(text).toContain('# TYPE lag_spec_consumer_lag_messages gauge');
    expect(text).toContain(
      'lag_spec_consumer_lag_messages{group="casie-adapter",topic="orders.casie.v1",partition="0"} 5',
    );
    expect(text).toContain(
      'lag_spec_consumer_lag_messages{group="casie-adapter",topic="orders.casie.v1",partition="1"} 0',
    );

    lags = [{ group: 'casie-adapter', topic: 'orders.casie.v1', partition: 1, lag: 2 }];
    await sut.refresh();
    text = await registry.metrics();
    expect(text).not.toContain('partition="0"');
    expect(text).toContain(
      'lag_spec_consumer_lag_messages{group="casie-adapter",topic="orders.casie.v1",partition="1"} 2',
    );
  });

  it('keeps the last values when the bus cannot answer', async () => {
    const registry = new MetricsRegistry();
    let fail = false;
    const runtime = {
      consumerLag: () =>
        fail
          ? Promise.reject(new Error('kafka down'))
          : Promise.resolve([{ group: 'ack-ingestor', topic: 'ta.acks.v1', partition: 0, lag: 3 }]),
    } as unknown as MessagingRuntime;
    const sut = new ConsumerLagGauge(runtime, registry.forService('lag-spec-2'), { intervalMs: 15_000 });

    await sut.refresh();
    fail = true;
    await expect(sut.refresh()).rejects.toThrow('kafka down');
    expect(await registry.metrics()).toContain(
      'lag_spec_2_consumer_lag_messages{group="ack-ingestor",topic="ta.acks.v1",partition="0"} 3',
    );
  });
});
