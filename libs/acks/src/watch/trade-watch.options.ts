import type { WatchConfig } from '@contingency/config';
import type { Clock } from '@contingency/validation';

/** TradeWatchModule.forRoot: the timings of AppConfig.watch, plus how the process runs the sweep. */
export interface TradeWatchOptions extends WatchConfig {
  /** Sweep every `intervalMs` in this process (off: nothing runs unless `sweep()` is called). */
  enabled?: boolean;
  /** Trades raised per transaction; a sweep goes on until it has raised them all. */
  batchSize?: number;
  /** What time it is (default: the system's); tests move it instead of waiting for an SLA to pass. */
  clock?: Clock;
}

export type TradeWatchSettings = Required<Omit<TradeWatchOptions, 'clock'>>;

export const TRADE_WATCH_SETTINGS = Symbol('TRADE_WATCH_SETTINGS');

export function resolveTradeWatchOptions({
  clock: _clock,
  ...options
}: TradeWatchOptions): TradeWatchSettings {
  return { enabled: true, batchSize: 200, ...options };
}
