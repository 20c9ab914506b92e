import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import type { TradeAlertKind } from '@contingency/contracts';
import { FundMaster, TradeLedger } from '@contingency/ledger';
import { LOGGER } from '@contingency/observability';
import { PollingLoop } from '@contingency/platform';
import { Clock, isUsableClock } from '@contingency/validation';
import {
  cutoffAt,
  type CutoffWindow,
  cutoffWindow,
  type FundClock,
  isoWithOffset,
  minutesLeft,
} from './cutoff-clock';
import { type CountsByRoute, TradeWatchMetrics } from './trade-watch.metrics';
import { TRADE_WATCH_SETTINGS, type TradeWatchSettings } from './trade-watch.options';
import { TradeWatchQueries } from './trade-watch.queries';

export const TRADE_WATCH_ACTOR = 'trade-watch';

/** What one sweep did and saw. */
export interface WatchReport {
  /** Events this sweep recorded (zero where another process held the sweep). */
  raised: Record<TradeAlertKind, number>;
  /** The gauges' values: every trade overdue / at risk now, raised before or not. */
  ackOverdue: CountsByRoute;
  cutoffAtRisk: CountsByRoute;
}

interface RaisedAlert {
  tradeId: string;
  batchId: string;
  details: Record<string, unknown>;
}

// Any fixed 64-bit number shared by every instance: one process raises at a time, so no trade twice.
const WATCH_LOCK_ID = 4_201_777_301;

/**
 * The SLA and cut-off watch. Every `intervalMs` it records ACK_OVERDUE (once per dispatch) for a
 * DISPATCHED trade with no answer of the TA within the SLA, and CUTOFF_AT_RISK (once per trade) for a
 * trade not yet dispatched when its fund's cut-off is within the warning or past; then it refreshes the
 * gauges. Raising happens under a transaction-scoped advisory lock, so several instances may run it.
 */
@Injectable()
export class TradeWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: TradeWatchQueries,
    private readonly funds: FundMaster,
    private readonly trades: TradeLedger,
    private readonly metrics: TradeWatchMetrics,
    private readonly clock: Clock,
    @Inject(TRADE_WATCH_SETTINGS) private readonly settings: TradeWatchSettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    this.loop = new PollingLoop(() => this.sweep().then(() => 'idle'), {
      name: 'trade watch: sweep',
      intervalMs: settings.intervalMs,
      logger,
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.enabled) this.loop.start();
  }

  /** Lets a sweep in progress finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One look at the ledger; the periodic loop calls it, and so may a test with its own clock. */
  async sweep(): Promise<WatchReport> {
    const now = this.clock.now();
    const dispatchedBefore = new Date(now.getTime() - this.settings.ackSlaMs);
    const clocks = await this.fundClocks();
    const window = cutoffWindow(
      [...clocks.values()],
      new Date(now.getTime() + this.settings.cutoffWarningMs),
    );
    const knownIsins = [...clocks.keys()];

    const raised = {
      ACK_OVERDUE: await this.raise('ACK_OVERDUE', (tx, limit) =>
        this.raiseAckOverdue(tx, dispatchedBefore, limit),
      ),
      CUTOFF_AT_RISK: await this.raise('CUTOFF_AT_RISK', (tx, limit) =>
        this.raiseCutoffAtRisk(tx, now, window, clocks, knownIsins, limit),
      ),
    };
    const manager = this.dataSource.manager;
    const ackOverdue = await this.queries.countOverdue(manager, dispatchedBefore);
    const cutoffAtRisk = await this.queries.countAtRisk(manager, window, knownIsins);
    this.metrics.current(ackOverdue, cutoffAtRisk);
    // contingency_trades{status,route}: here, in the one service that runs the watch, so counted once.
    this.metrics.tradesByStatus(await this.queries.countByStatus(manager));
    return { raised, ackOverdue, cutoffAtRisk };
  }

  /**
   * Batches of `batchSize`, each in its own transaction under the lock, until one comes back short:
   * every raised trade drops out of the next batch's query. Another process holding the lock is raising
   * the same trades: this one leaves it to it.
   */
  private async raise(
    kind: TradeAlertKind,
    batch: (tx: EntityManager, limit: number) => Promise<{ found: number; alerts: RaisedAlert[] }>,
  ): Promise<number> {
    const limit = this.settings.batchSize;
    let total = 0;
    for (;;) {
      const result = await this.dataSource.transaction(async (tx) => {
        const [{ locked }] = await tx.query<Array<{ locked: boolean }>>(
          'SELECT pg_try_advisory_xact_lock($1) AS locked',
          [WATCH_LOCK_ID],
        );
        return locked ? batch(tx, limit) : undefined;
      });
      if (!result) return total;
      total += result.alerts.length;
      this.metrics.raised(kind, result.alerts.length);
      for (const { tradeId, batchId, details } of result.alerts) {
        this.logger?.warn(`trade ${kind}`, { context: 'trade-watch', tradeId, batchId, ...details });
      }
      if (result.found < limit || result.alerts.length === 0) return total;
    }
  }

  private async raiseAckOverdue(tx: EntityManager, dispatchedBefore: Date, limit: number) {
    const overdue = await this.queries.unraisedOverdue(tx, dispatchedBefore, limit);
    const alerts: RaisedAlert[] = [];
    for (const trade of overdue) {
      const details = {
        dispatchedAt: trade.dispatchedAt.toISOString(),
        slaMinutes: this.settings.ackSlaMs / 60_000,
        route: trade.route,
      };
      await this.trades.recordEvent(tx, trade.tradeId, 'ACK_OVERDUE', TRADE_WATCH_ACTOR, details);
      alerts.push({ tradeId: trade.tradeId, batchId: trade.batchId, details });
    }
    return { found: overdue.length, alerts };
  }

  private async raiseCutoffAtRisk(
    tx: EntityManager,
    now: Date,
    window: CutoffWindow,
    clocks: ReadonlyMap<string, FundClock>,
    knownIsins: readonly string[],
    limit: number,
  ) {
    const atRisk = await this.queries.unraisedAtRisk(tx, window, knownIsins, limit);
    const alerts: RaisedAlert[] = [];
    for (const trade of atRisk) {
      const fund = clocks.get(trade.isin);
      const cutoff = trade.cutoffAt ?? (fund && cutoffAt(trade.tradeDate, fund));
      if (!fund || !cutoff) continue; // a RECEIVED trade's unreadable cells: validation will refuse it
      const details = {
        cutoffAt: isoWithOffset(cutoff, fund.timezone),
        minutesLeft: minutesLeft(cutoff, now),
        fund: trade.isin,
        status: trade.status,
      };
      await this.trades.recordEvent(tx, trade.tradeId, 'CUTOFF_AT_RISK', TRADE_WATCH_ACTOR, details);
      alerts.push({ tradeId: trade.tradeId, batchId: trade.batchId, details });
    }
    return { found: atRisk.length, alerts };
  }

  /** The fund master's usable clocks by ISIN (a small table, read once per sweep). */
  private async fundClocks(): Promise<Map<string, FundClock>> {
    const funds = await this.funds.list(this.dataSource.manager);
    return new Map(
      funds
        .map((f) => ({ isin: f.isin, cutoffTime: f.cutoffTime, timezone: f.timezone }))
        .filter(isUsableClock)
        .map((clock) => [clock.isin, clock]),
    );
  }
}
