import { randomUUID } from 'node:crypto';
import type { TaAck, TradeStatusChanged } from '@contingency/contracts';

/** A unique prefix for the keys (account ids) of one test run: topics are shared between runs. */
export const runPrefix = (label: string): string => `T${label}-${randomUUID().slice(0, 8)}`;

export const taAck = (orderRef: string, over: Partial<TaAck> = {}): TaAck => ({
  orderRef,
  status: 'ACCEPTED',
  acknowledgedAt: '2026-12-04T10:00:00Z',
  ...over,
});

export const statusChanged = (accountId: string, version = 1): TradeStatusChanged => ({
  tradeId: randomUUID(),
  batchId: randomUUID(),
  accountId,
  from: null,
  to: 'RECEIVED',
  route: null,
  version,
  actor: 'messaging-tests',
  reason: null,
  at: new Date().toISOString(),
});
