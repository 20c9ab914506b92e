import { describe, expect, it } from 'vitest';
import type { TradeAlertEvent, UnmatchedAck } from '../api/types';
import { aTrade } from '../test/factories';
import { buildAttentionQueue, countdownText } from './attention';

const alert = (tradeId: string, kind: TradeAlertEvent['kind'], cutoffAt?: string): TradeAlertEvent => ({
  tradeId,
  batchId: 'b',
  kind,
  details: cutoffAt ? { cutoffAt, minutesLeft: 10 } : { slaMinutes: 15 },
  at: '2026-12-04T09:00:00Z',
  historyId: 1,
});

const ack: UnmatchedAck = {
  id: '1',
  source: 'CALASTONE',
  orderRef: 'MC-X',
  messageRefs: [],
  outcome: 'ACCEPTED',
  status: 'PACK',
  taReference: null,
  reasons: [],
  at: '2026-12-04T08:00:00Z',
  parkedAt: '2026-12-04T08:00:00Z',
  tradeId: null,
};

describe(buildAttentionQueue.name, () => {
  it('puts the nearest cut-off first, then unknown outcomes, dead letters, overdue ACKs, NACKs, unmatched ACKs', () => {
    const unknown = aTrade({ status: 'OUTCOME_UNKNOWN', updatedAt: '2026-12-04T09:30:00Z' });
    const dead = aTrade({ status: 'DEAD_LETTERED', updatedAt: '2026-12-04T07:00:00Z' });
    const nacked = aTrade({ status: 'NACKED', updatedAt: '2026-12-04T06:00:00Z' });
    const later = aTrade({ status: 'RELEASED' });
    const sooner = aTrade({ status: 'RELEASED' });
    const overdue = aTrade({ status: 'DISPATCHED' });
    const queue = buildAttentionQueue({
      trades: [nacked, dead, unknown, later, sooner, overdue],
      alerts: [
        alert(later.id, 'CUTOFF_AT_RISK', '2026-12-04T12:00:00Z'),
        alert(overdue.id, 'ACK_OVERDUE'),
        alert(sooner.id, 'CUTOFF_AT_RISK', '2026-12-04T11:00:00Z'),
      ],
      unmatchedAcks: [ack],
    });
    expect(queue.map((i) => [i.kind, i.tradeId ?? i.key])).toEqual([
      ['CUTOFF_AT_RISK', sooner.id],
      ['CUTOFF_AT_RISK', later.id],
      ['OUTCOME_UNKNOWN', unknown.id],
      ['DEAD_LETTERED', dead.id],
      ['ACK_OVERDUE', overdue.id],
      ['NACKED', nacked.id],
      ['UNMATCHED_ACK', 'ack:1'],
    ]);
  });

  it('shows a trade once, under its most urgent reason, and drops alerts its status has answered', () => {
    const t = aTrade({ status: 'DEAD_LETTERED' });
    const confirmed = aTrade({ status: 'CONFIRMED' });
    const queue = buildAttentionQueue({
      trades: [t, confirmed],
      alerts: [alert(t.id, 'CUTOFF_AT_RISK', '2026-12-04T11:00:00Z'), alert(confirmed.id, 'ACK_OVERDUE')],
      unmatchedAcks: [],
    });
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ kind: 'CUTOFF_AT_RISK', alsoKinds: ['DEAD_LETTERED'], trade: t });
  });
});

describe(countdownText.name, () => {
  it('counts down to the cut-off and past it', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(countdownText('2026-12-04T10:12:05Z', now)).toBe('12 min 05 s left');
    expect(countdownText('2026-12-04T12:30:00Z', now)).toBe('2 h 30 min left');
    expect(countdownText('2026-12-04T09:57:00Z', now)).toBe('3 min 00 s past cut-off');
  });
});
