import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Logger } from 'winston';
import { orderFromTrade, TradeEntity, TradeLedger } from '@contingency/ledger';
import { LOGGER } from '@contingency/observability';
import { PollingLoop, type RoundOutcome } from '@contingency/platform';
import { CasieEndpoint } from '../casie-endpoint';
import { CasieMetrics } from '../casie.metrics';
import { CASIE_SETTINGS, type CasieSettings } from '../casie.options';
import { CasieDeliveries, type DueDelivery } from './casie-deliveries.repository';
import { CASIE_ACTOR, type ClaimedDelivery, DeliveryOutcomes } from './delivery-outcomes.service';

const GAUGE_EVERY_MS = 5_000;

/**
 * Delivers open casie_deliveries: claim (a short committed transaction: the attempt is counted and the
 * order marked maybe-sent before any request) → call Casie with no transaction open → record the answer
 * (DeliveryOutcomes). Up to `concurrency` orders are in flight; an idle worker polls every `pollMs` and
 * the consumer wakes it when new orders arrive.
 */
@Injectable()
export class CasieDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly workerId: string;
  private readonly loop: PollingLoop;
  private readonly inFlight = new Set<Promise<void>>();
  private gaugeAt = 0;
  private scannedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: CasieDeliveries,
    private readonly trades: TradeLedger,
    private readonly casie: CasieEndpoint,
    private readonly outcomes: DeliveryOutcomes,
    private readonly metrics: CasieMetrics,
    @Inject(CASIE_SETTINGS) private readonly settings: CasieSettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    this.workerId = settings.worker.id ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.loop = new PollingLoop(() => this.round(), {
      name: 'delivering to Casie',
      intervalMs: settings.worker.pollMs,
      logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.worker.enabled) return;
    if (this.settings.worker.id) {
      const orphans = await this.deliveries.releaseClaimsOf(this.dataSource.manager, this.workerId);
      if (orphans > 0) this.logger?.warn(`took back ${orphans} claims of a previous run of ${this.workerId}`);
    }
    this.loop.start();
  }

  /** Finishes the calls in flight and records their outcomes before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /** New orders may be due (or a call finished and freed a slot): look now rather than at the next poll. */
  wake(): void {
    this.loop.wake();
  }

  private async round(): Promise<RoundOutcome> {
    let full = false;
    const free = this.settings.worker.concurrency - this.inFlight.size;
    // Claims in chunks: one claim transaction per finished order would cap the rate at its latency.
    const chunk = Math.max(1, Math.floor(this.settings.worker.concurrency / 4));
    if (free >= chunk || (free > 0 && this.inFlight.size === 0)) {
      try {
        const claimed = await this.claim(free);
        full = claimed === free;
      } catch (error) {
        this.logger?.error('claiming Casie deliveries failed', { error });
      }
    }
    await this.refreshGauge();
    await this.adoptUnknownOutcomes();
    return full && this.inFlight.size < this.settings.worker.concurrency ? 'more' : 'idle';
  }

  /** Claims up to `limit` due deliveries and starts them; returns how many rows it looked at. */
  private async claim(limit: number): Promise<number> {
    if (!(await this.deliveries.anyDue(this.dataSource.manager))) return 0;
    const token = randomUUID();
    const claim = { workerId: this.workerId, token, leaseMs: this.settings.worker.leaseMs };
    const { due, started } = await this.dataSource.transaction(async (tx) => {
      const due = await this.deliveries.lockDue(tx, limit);
      const skip = due.filter((d) => d.route !== 'CASIE' || !AWAITING.has(d.tradeStatus));
      const query = due.filter((d) => !skip.includes(d) && needsStatusQuery(d));
      const send = due.filter((d) => !skip.includes(d) && !query.includes(d));

      for (const d of skip) {
        await this.deliveries.close(tx, [d.tradeId], 'SKIPPED', {
          note: `trade is ${d.tradeStatus} on route ${d.route ?? 'none'}`,
        });
      }
      await this.deliveries.claimForQuery(tx, ids(query), claim);
      const attempts = await this.deliveries.claimForSend(tx, ids(send), claim);
      await this.trades.recordEvents(
        tx,
        send.map((d) => ({
          tradeId: d.tradeId,
          event: 'DELIVERY_ATTEMPT',
          details: {
            attempt: attempts.get(d.tradeId) ?? d.attempts + 1,
            destination: this.casie.destination,
          },
        })),
        CASIE_ACTOR,
      );
      const started: ClaimedDelivery[] = [
        ...query.map((d) => claimed(d, 'status-query', d.attempts, d.statusQueries + 1, token)),
        ...send.map((d) =>
          claimed(d, 'send', attempts.get(d.tradeId) ?? d.attempts + 1, d.statusQueries, token),
        ),
      ];
      return { due, started };
    });
    // Committed: only now may a request leave.
    for (const delivery of started) this.track(this.deliver(delivery));
    return due.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      if (delivery.kind === 'status-query') {
        await this.outcomes.afterStatusQuery(delivery, await this.casie.status(delivery.order.orderRef));
      } else {
        await this.outcomes.afterSubmit(delivery, await this.casie.submit(delivery.order));
      }
    } catch (error) {
      // The claim stays: after its lease the order comes back, with a status query if it may have been sent.
      this.logger?.error(`recording the Casie outcome of ${delivery.order.orderRef} failed`, {
        tradeId: delivery.tradeId,
        error,
      });
    }
  }

  private track(task: Promise<void>): void {
    this.inFlight.add(task);
    void task.finally(() => {
      this.inFlight.delete(task);
      this.wake();
    });
  }

  // The resolver's other half: an OUTCOME_UNKNOWN trade without an open delivery (set before this
  // table existed, or by hand) gets one, maybe-sent, so that its first step is the status query.
  private async adoptUnknownOutcomes(): Promise<void> {
    if (Date.now() - this.scannedAt < this.settings.worker.unknownScanMs) return;
    this.scannedAt = Date.now();
    try {
      const ids = await this.deliveries.unknownWithoutDelivery(this.dataSource.manager, 100);
      if (ids.length === 0) return;
      const adopted = await this.dataSource.transaction(async (tx) => {
        const trades = await tx.findBy(TradeEntity, {
          id: In(ids),
          status: 'OUTCOME_UNKNOWN',
          route: 'CASIE',
        });
        const orders = trades.map((t) => orderFromTrade(t, 'outcome unknown: resolving by status query'));
        return this.deliveries.open(tx, orders, { maybeSent: true });
      });
      if (adopted > 0)
        this.logger?.warn(`resolving ${adopted} OUTCOME_UNKNOWN trades that had no open delivery`);
    } catch (error) {
      this.logger?.error('scanning for unresolved OUTCOME_UNKNOWN trades failed', { error });
    }
  }

  private async refreshGauge(): Promise<void> {
    if (Date.now() - this.gaugeAt < GAUGE_EVERY_MS) return;
    this.gaugeAt = Date.now();
    try {
      const pending = await this.deliveries.pendingCounts(this.dataSource.manager);
      this.metrics.pendingDeliveries(pending.send, pending.statusQuery);
    } catch (error) {
      this.logger?.warn('counting pending Casie deliveries failed', { error });
    }
  }
}

const AWAITING = new Set(['RELEASED', 'OUTCOME_UNKNOWN']);

// An order that may be at Casie is asked about, never sent blindly.
const needsStatusQuery = (d: DueDelivery): boolean => d.maybeSent || d.tradeStatus === 'OUTCOME_UNKNOWN';

const ids = (deliveries: readonly DueDelivery[]): string[] => deliveries.map((d) => d.tradeId);

function claimed(
  d: DueDelivery,
  kind: ClaimedDelivery['kind'],
  attempt: number,
  statusQueries: number,
  token: string,
): ClaimedDelivery {
  return { kind, tradeId: d.tradeId, order: d.order, attempt, statusQueries, token };
}
