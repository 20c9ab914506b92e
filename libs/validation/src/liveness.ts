import type { BatchStatus, TradeStatus } from '@contingency/contracts';

// Which trades still stand for an order, as the duplicate rules of trade file v1 see them.

/** A rejected or failed batch sends nothing: its trades neither use a client_ref nor duplicate an order. */
export const DEAD_BATCH_STATUSES: readonly BatchStatus[] = ['REJECTED', 'FAILED'];

/** Trades that give their client_ref back: never valid, or withdrawn before dispatch. */
export const CLIENT_REF_FREED_BY: readonly TradeStatus[] = ['INVALID', 'CANCELLED'];

/** Trades that are no longer an order to duplicate: never valid, withdrawn, or refused by the TA. */
export const NOT_LIVE_TRADE_STATUSES: readonly TradeStatus[] = ['INVALID', 'CANCELLED', 'NACKED'];
