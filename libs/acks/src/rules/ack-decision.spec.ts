import type { TradeStatus } from '@contingency/contracts';
import { REJECTED_REASON_CODES } from '@contingency/iso20022';
import type { AckEvent } from '../ack-event';
import { planAck, rejectionReason } from './ack-decision';

type Said = Pick<AckEvent, 'outcome' | 'reasons' | 'taReference'>;
const said = (outcome: AckEvent['outcome'], extra: Partial<Said> = {}): Said => ({
  outcome,
  reasons: [],
  ...extra,
});
const facts = (status: TradeStatus, extra: { receivedBefore?: boolean; taReference?: string } = {}) => ({
  status,
  receivedBefore: extra.receivedBefore ?? false,
  taReference: extra.taReference,
});
const step = (ack: Said, status: TradeStatus, extra = {}) => planAck(ack, facts(status, extra)).step;

describe(planAck.name, () => {
  it('parks any answer for a trade whose dispatch is not recorded yet', () => {
    for (const outcome of ['RECEIVED', 'ACCEPTED', 'REJECTED', 'CONFIRMED', 'OTHER'] as const) {
      expect(planAck(said(outcome), facts('RELEASED'))).toEqual({
        dispatchFirst: false,
        step: { kind: 'park' },
      });
    }
  });

  it('maps a dispatched trade: received → event, accepted → ACKNOWLEDGED, rejected → NACKED, confirmed → CONFIRMED', () => {
    expect(step(said('RECEIVED'), 'DISPATCHED')).toMatchObject({ kind: 'record', event: 'ACK_RECEIVED' });
    expect(step(said('ACCEPTED'), 'DISPATCHED')).toMatchObject({ kind: 'transition', to: 'ACKNOWLEDGED' });
    expect(step(said('REJECTED', { reasons: [{ code: 'CUTO', text: 'late' }] }), 'DISPATCHED')).toEqual({
      kind: 'transition',
      to: 'NACKED',
      reason: 'CUTO: late',
    });
    expect(step(said('CONFIRMED'), 'DISPATCHED')).toMatchObject({ kind: 'transition', to: 'CONFIRMED' });
    expect(step(said('OTHER'), 'DISPATCHED')).toMatchObject({ kind: 'record', event: 'ACK_STATUS' });
  });

  it('moves an OUTCOME_UNKNOWN trade to DISPATCHED first: an answer proves the order arrived', () => {
    expect(planAck(said('ACCEPTED'), facts('OUTCOME_UNKNOWN'))).toEqual({
      dispatchFirst: true,
      step: { kind: 'transition', to: 'ACKNOWLEDGED', reason: 'accepted by the TA' },
    });
    expect(planAck(said('RECEIVED'), facts('OUTCOME_UNKNOWN')).dispatchFirst).toBe(true);
  });

  it('confirms an ACKNOWLEDGED trade, and only records a PACK that comes after the confirmation', () => {
    expect(step(said('CONFIRMED'), 'ACKNOWLEDGED')).toMatchObject({ kind: 'transition', to: 'CONFIRMED' });
    expect(step(said('ACCEPTED'), 'CONFIRMED')).toMatchObject({
      kind: 'record',
      event: 'ACK_IGNORED',
      conflict: false,
    });
  });

  it('changes nothing for an answer the trade already reflects', () => {
    expect(
      step(said('ACCEPTED', { taReference: 'T1' }), 'ACKNOWLEDGED', { taReference: 'T1' }),
    ).toMatchObject({
      kind: 'unchanged',
    });
    expect(step(said('ACCEPTED'), 'ACKNOWLEDGED', { taReference: 'T1' })).toMatchObject({
      kind: 'unchanged',
    });
    expect(step(said('CONFIRMED'), 'CONFIRMED')).toMatchObject({ kind: 'unchanged' });
    expect(step(said('REJECTED'), 'NACKED')).toMatchObject({ kind: 'unchanged' });
  });

  it('never NACKs an order already received for a duplicate-reference rejection (ORRF)', () => {
    const orrf = said('REJECTED', { reasons: [{ code: 'ORRF' }] });
    for (const status of ['ACKNOWLEDGED', 'CONFIRMED'] as const) {
      expect(step(orrf, status, { receivedBefore: true })).toMatchObject({
        kind: 'record',
        event: 'ACK_IGNORED',
      });
    }
    expect(step(orrf, 'DISPATCHED', { receivedBefore: true })).toMatchObject({ kind: 'record' });
    expect(step(orrf, 'DISPATCHED')).toMatchObject({ kind: 'transition', to: 'NACKED', reason: 'ORRF' });
  });

  it.each(REJECTED_REASON_CODES.filter((code) => code !== 'ORRF'))(
    'NACKs an accepted trade rejected with %s',
    (code) => {
      expect(
        step(said('REJECTED', { reasons: [{ code }] }), 'ACKNOWLEDGED', { receivedBefore: true }),
      ).toEqual({
        kind: 'transition',
        to: 'NACKED',
        reason: code,
      });
    },
  );

  it('records answers that contradict the trade as conflicts', () => {
    expect(step(said('CONFIRMED'), 'NACKED')).toMatchObject({ kind: 'record', conflict: true });
    expect(step(said('REJECTED', { reasons: [{ code: 'CUTO' }] }), 'CONFIRMED')).toMatchObject({
      conflict: true,
    });
    expect(step(said('ACCEPTED'), 'NACKED')).toMatchObject({ conflict: true });
    for (const status of ['CANCELLED', 'DEAD_LETTERED'] as const) {
      expect(step(said('ACCEPTED'), status)).toMatchObject({ kind: 'record', conflict: true });
    }
  });
});

describe(rejectionReason.name, () => {
  it('joins every reason, code first', () => {
    expect(rejectionReason([{ code: 'CUTO', text: 'late' }, { code: 'BMIN' }, { text: 'see desk' }])).toBe(
      'CUTO: late; BMIN; see desk',
    );
    expect(rejectionReason([])).toBe('rejected by the TA (no reason given)');
    expect(rejectionReason([{ text: 'x'.repeat(2_000) }])).toHaveLength(1_000);
  });
});
