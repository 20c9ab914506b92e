/** How often the backlog gauges (consumer lag, outbox) look; a scrape every 15 s sees fresh values. */
export interface BacklogSettings {
  intervalMs: number;
}

export const BACKLOG_SETTINGS = Symbol('BACKLOG_SETTINGS');
export const DEFAULT_BACKLOG_INTERVAL_MS = 15_000;
// A bus or database that is down: look again within a minute, and do not fill the log meanwhile.
export const BACKLOG_MAX_BACKOFF_MS = 60_000;
