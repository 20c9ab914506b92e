import type { DataSource } from 'typeorm';
import { OutboxWriter, TradeLedger } from '@contingency/ledger';
import { MetricsRegistry } from '@contingency/observability';
import { createTestDatabase } from '@contingency/testing';
import type { AckEvent } from './ack-event';
import { AckProcessor } from './ack-processor.service';
import { AcksMetrics } from './acks.metrics';
import { ackFromTaFeed } from './sources/ta-feed.ack';
import { seedAckTrades } from './testing/ack-trades';
import { UnmatchedAcks } from './unmatched/unmatched-acks.repository';

const ACK = 'ack_ingestor_release_to_ack_seconds';
const CONFIRMATION = 'ack_ingestor_release_to_confirmation_seconds';

// Release → ACK and release → confirmation, observed as the real ledger applies the TA's answers.
describe('release-to-answer histograms', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const registry = new MetricsRegistry();
  const processor = new AckProcessor(
    new TradeLedger(new OutboxWriter()),
    new UnmatchedAcks(),
    new AcksMetrics(registry),
  );

  const process = (ack: AckEvent) => ds.transaction((tx) => processor.process(tx, ack));
  const feed = (orderRef: string, status: 'RECEIVED' | 'ACCEPTED' | 'CONFIRMED') =>
    ackFromTaFeed(
      { orderRef, status, acknowledgedAt: new Date().toISOString(), taReference: 'TA-1' },
      `m-${Math.random()}`,
    );
  const observed = async (name: string, route: string): Promise<{ count: number; sum: number }> => {
    const { values } = await registry.registry.getSingleMetric(name)!.get();
    const of = (suffix: string) =>
      values.find(
        (v) => (v as { metricName?: string }).metricName === `${name}_${suffix}` && v.labels.route === route,
      )?.value ?? NaN;
    return { count: of('count'), sum: of('sum') };
  };

  beforeAll(async () => {
    db = await createTestDatabase('ack_latency');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('observes the time since release once at the first status-changing answer, and at the confirmation', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED'], { route: 'CALASTONE' });
    const start = {
      ack: await observed(ACK, 'CALASTONE'),
      confirmation: await observed(CONFIRMATION, 'CALASTONE'),
    };
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    await process(feed(trade.orderRef, 'RECEIVED')); // recorded only: not a status change
    expect((await observed(ACK, 'CALASTONE')).count).toBe(start.ack.count);

    expect((await process(feed(trade.orderRef, 'ACCEPTED'))).map((d) => d.result)).toEqual(['applied']);
    const afterAck = await observed(ACK, 'CALASTONE');
    expect(afterAck.count).toBe(start.ack.count + 1);
    expect(afterAck.sum - start.ack.sum).toBeGreaterThanOrEqual(1);
    expect((await observed(CONFIRMATION, 'CALASTONE')).count).toBe(start.confirmation.count);

    expect((await process(feed(trade.orderRef, 'CONFIRMED'))).map((d) => d.result)).toEqual(['applied']);
    expect((await observed(ACK, 'CALASTONE')).count).toBe(start.ack.count + 1);
    const afterConfirmation = await observed(CONFIRMATION, 'CALASTONE');
    expect(afterConfirmation.count).toBe(start.confirmation.count + 1);
    expect(afterConfirmation.sum - start.confirmation.sum).toBeGreaterThanOrEqual(1);

    // A repeated confirmation changes nothing and observes nothing.
    await process(feed(trade.orderRef, 'CONFIRMED'));
    expect((await observed(CONFIRMATION, 'CALASTONE')).count).toBe(start.confirmation.count + 1);
  });

  it('counts a confirmation that comes first as both the ACK and the confirmation', async () => {
    const [trade] = await seedAckTrades(ds, ['DISPATCHED'], { route: 'CASIE' });
    const start = { ack: await observed(ACK, 'CASIE'), confirmation: await observed(CONFIRMATION, 'CASIE') };

    await process(feed(trade.orderRef, 'CONFIRMED'));

    expect((await observed(ACK, 'CASIE')).count).toBe(start.ack.count + 1);
    expect((await observed(CONFIRMATION, 'CASIE')).count).toBe(start.confirmation.count + 1);
  });
});
