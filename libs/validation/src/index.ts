export * from './clock';
export * from './validation.module';
export * from './validation.service';
export type { TradeDecision } from './trade-decision';
export type { ChunkTrade } from './validation.lookups';
export { isActiveCurrency, isinCheckDigit, isValidIsin } from './rules';
