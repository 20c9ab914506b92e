import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { Logger } from 'winston';
import { LOGGER, maskUrlPasswords, withTimeout } from '@contingency/observability';
import { PollingLoop } from '../polling-loop';
import { CanaryMetrics, type ProbeOutcome } from './canary.metrics';

export interface CanaryProbe {
  /** The service the probe belongs to, the prefix of its metrics: casie-adapter. */
  service: string;
  /** What is probed, a bounded label: casie, calastone, postgresql, kafka. */
  target: string;
  /** Resolves when the dependency answered. Cheap and free of side effects: it runs every interval. */
  probe: () => Promise<void>;
}

export interface CanarySettings {
  /** Between two rounds of probes (CANARY_INTERVAL_SECONDS). */
  intervalMs: number;
  /** A probe that has not answered by then failed; at most the interval, 10 s by default. */
  timeoutMs?: number;
}

export const CANARY_SETTINGS = Symbol('CANARY_SETTINGS');

const DEFAULT_TIMEOUT_MS = 10_000;
// The app starts listening only after bootstrap: a probe of a dependency served by this very process (the
// Casie simulator in standalone) would fail if it ran at once.
const FIRST_ROUND_DELAY_MS = 2_000;

interface Registered extends CanaryProbe {
  /** The last outcome, to log changes only: a dependency down for an hour is one warning, not 120. */
  last?: ProbeOutcome;
}

/**
 * The connectivity canary: every interval it probes each registered dependency at once and counts the
 * outcome, so that SRE see a dependency go away before an order needs it. Probes are registered by the
 * services (`canaryProbe(...)` beside their code); the first round runs just after the app has started.
 */
@Injectable()
export class Canary implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly probes = new Map<string, Registered>();
  private readonly loop: PollingLoop;
  private readonly timeoutMs: number;
  private firstRound?: NodeJS.Timeout;

  constructor(
    private readonly metrics: CanaryMetrics,
    @Inject(CANARY_SETTINGS) settings: CanarySettings,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {
    this.timeoutMs = Math.min(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS, settings.intervalMs);
    this.loop = new PollingLoop(() => this.probeAll().then(() => 'idle'), {
      name: 'connectivity canary',
      intervalMs: settings.intervalMs,
      logger,
    });
  }

  register(probe: CanaryProbe): void {
    const key = keyOf(probe);
    if (this.probes.has(key)) throw new Error(`canary probe ${key} is already registered`);
    this.probes.set(key, { ...probe });
    this.metrics.known(probe.service, probe.target);
  }

  onApplicationBootstrap(): void {
    if (this.probes.size === 0) return;
    this.firstRound = setTimeout(() => this.loop.start(), FIRST_ROUND_DELAY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.firstRound);
    await this.loop.stop();
  }

  /** One round: every probe at once, each outcome counted. The loop calls it; so may a test. */
  async probeAll(): Promise<Record<string, ProbeOutcome>> {
    const outcomes = await Promise.all(
      [...this.probes.values()].map(async (registered) => [keyOf(registered), await this.run(registered)]),
    );
    return Object.fromEntries(outcomes) as Record<string, ProbeOutcome>;
  }

  private async run(registered: Registered): Promise<ProbeOutcome> {
    const { service, target } = registered;
    let outcome: ProbeOutcome = 'success';
    let reason = '';
    try {
      await withTimeout(registered.probe, this.timeoutMs, `no answer within ${this.timeoutMs} ms`);
    } catch (error) {
      outcome = 'failure';
      reason = maskUrlPasswords(error instanceof Error ? error.message : String(error));
    }
    this.metrics.probed(service, target, outcome, new Date());
    if (outcome !== registered.last) {
      const meta = { context: 'canary', service, target };
      if (outcome === 'failure') this.logger?.warn(`canary: ${target} unreachable: ${reason}`, meta);
      else if (registered.last === 'failure') this.logger?.info(`canary: ${target} reachable again`, meta);
    }
    registered.last = outcome;
    return outcome;
  }
}

const keyOf = ({ service, target }: Pick<CanaryProbe, 'service' | 'target'>): string =>
  `${service}/${target}`;
