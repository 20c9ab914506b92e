import { describe, expect, it } from 'vitest';
import type { OpenAlert, OpenAlertsPage, TradeAlertEvent, TradeStatusEvent } from '../api/types';
import { applyStatusToAlerts, mergeAlerts } from './open-alerts';

const TRADE = '00000000-0000-4000-8000-00000000a001';
const OTHER = '00000000-0000-4000-8000-00000000a002';

const loaded = (overrides: Partial<OpenAlert> = {}): OpenAlert => ({
  tradeId: TRADE,
  batchId: 'b',
  kind: 'CUTOFF_AT_RISK',
  raisedAt: '2026-12-04T09:00:00Z',
  historyId: 10,
  details: { cutoffAt: '2026-12-04T09:30:00+00:00', minutesLeft: 30 },
  trade: {
    status: 'RELEASED',
    route: 'CASIE',
    orderRef: 'MC-1',
    clientRef: 'REF-1',
    fundIsin: 'IE00B4L5Y983',
    accountId: 'ACC-1',
  },
  ...overrides,
});

const live = (overrides: Partial<TradeAlertEvent> = {}): TradeAlertEvent => ({
  tradeId: TRADE,
  batchId: 'b',
  kind: 'CUTOFF_AT_RISK',
  details: { cutoffAt: '2026-12-04T09:30:00+00:00', minutesLeft: 30 },
  at: '2026-12-04T09:00:00Z',
  historyId: 10,
  ...overrides,
});

const status = (to: TradeStatusEvent['to'], historyId: number, tradeId = TRADE): TradeStatusEvent => ({
  tradeId,
  batchId: 'b',
  accountId: 'ACC-1',
  from: 'RELEASED',
  to,
  route: 'CASIE',
  actor: 'casie-adapter',
  at: '2026-12-04T09:10:00Z',
  historyId,
});

describe(mergeAlerts.name, () => {
  it('keeps one alert per trade and kind: the same alert loaded and streamed is shown once, with its trade', () => {
    const merged = mergeAlerts([loaded()], [live(), live({ tradeId: OTHER, historyId: 12 })]);
    expect(merged).toEqual([{ ...live(), trade: loaded().trade }, live({ tradeId: OTHER, historyId: 12 })]);
  });

  it('takes the later of two alerts of one kind (a new dispatch) and keeps two kinds apart', () => {
    const first = loaded({ kind: 'ACK_OVERDUE', historyId: 10, details: { slaMinutes: 15 } });
    const again = live({ kind: 'ACK_OVERDUE', historyId: 20, at: '2026-12-04T11:00:00Z' });
    const merged = mergeAlerts([first, loaded({ historyId: 5 })], [again]);
    expect(merged.map((a) => [a.kind, a.historyId, a.at])).toEqual([
      ['ACK_OVERDUE', 20, '2026-12-04T11:00:00Z'],
      ['CUTOFF_AT_RISK', 5, '2026-12-04T09:00:00Z'],
    ]);
    expect(merged[0].trade).toEqual(first.trade);
  });
});

describe(applyStatusToAlerts.name, () => {
  const page: OpenAlertsPage = {
    items: [loaded(), loaded({ tradeId: OTHER, kind: 'ACK_OVERDUE', historyId: 11 })],
    asOf: '2026-12-04T09:05:00Z',
  };

  it('drops the alert a later status answers and leaves the others as they were', () => {
    const next = applyStatusToAlerts(page, status('DISPATCHED', 12));
    expect(next.items).toEqual([page.items[1]]);
    expect(next.items[0]).toBe(page.items[1]);
  });

  it('shows a later status that does not answer the alert', () => {
    const next = applyStatusToAlerts(page, status('OUTCOME_UNKNOWN', 12));
    expect(next.items[0].trade.status).toBe('OUTCOME_UNKNOWN');
    expect(next.items).toHaveLength(2);
  });

  it('ignores a status change older than the alert or about another trade (same page)', () => {
    expect(applyStatusToAlerts(page, status('DISPATCHED', 9))).toBe(page);
    expect(applyStatusToAlerts(page, status('DISPATCHED', 12, '00000000-0000-4000-8000-00000000a003'))).toBe(
      page,
    );
  });
});
