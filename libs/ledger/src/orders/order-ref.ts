/**
 * Our order reference at the destinations (Casie Idempotency-Key, setr OrdrRef): derived from the trade
 * id so that every redelivery and every route uses the same one; 34 chars fits ISO 20022 Max35Text.
 */
export const orderRefFor = (tradeId: string): string => `MC${tradeId.replace(/-/g, '').toUpperCase()}`;
