export * from './clock';
export * from './validation.module';
export * from './validation.service';
export type { TradeDecision } from './trade-decision';
export type { ChunkTrade } from './validation.lookups';
export { isActiveCurrency, isinCheckDigit, isValidIsin } from './rules';
// The fund's dealing clock, for whoever else needs "when is the cut-off" (the SLA and cut-off watch).
export { parseIsoDate } from './rules/calendar-date';
export { cutoffInstant, isUsableClock, type DealingClock } from './rules/dates.rule';
export { wallClockAt } from './rules/zoned-time';
