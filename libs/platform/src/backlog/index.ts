export { BACKLOG_SETTINGS, DEFAULT_BACKLOG_INTERVAL_MS, type BacklogSettings } from './backlog.settings';
export { ConsumerLagGauge } from './consumer-lag.gauge';
export { OutboxBacklogGauge, type OutboxBacklog } from './outbox-backlog.gauge';
