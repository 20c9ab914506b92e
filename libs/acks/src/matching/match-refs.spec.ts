import { messageIdFor } from '@contingency/iso20022';
import { matchRefsOf, orderRefsOfMessageId } from './match-refs';

const ORDER = 'MC3F2A9C1E5B7D4F60A8B2C4D6E8F0A1B3';

describe(orderRefsOfMessageId.name, () => {
  it.each([1, 9, 10, 99])('finds our order ref again from the MsgId of sending %i', (attempt) => {
    expect(orderRefsOfMessageId(messageIdFor(ORDER, attempt))).toContain(ORDER);
  });

  it('finds a short order ref kept whole in its MsgId', () => {
    expect(orderRefsOfMessageId(messageIdFor('ORDER-7', 3))).toEqual(['ORDER-7']);
  });

  it('offers only refs whose sending really has this MsgId', () => {
    const id = messageIdFor(ORDER, 1);
    for (const ref of orderRefsOfMessageId(id)) expect(messageIdFor(ref, 1)).toBe(id);
    expect(orderRefsOfMessageId('CAL-STS-20250314-000101')).toEqual([]);
    expect(orderRefsOfMessageId('no-attempt-x')).toEqual([]);
  });
});

describe(matchRefsOf.name, () => {
  it('tries the OrdrRef first, then the refs our MsgIds stand for', () => {
    const refs = matchRefsOf({ orderRef: 'MC-UNKNOWN', messageRefs: [messageIdFor(ORDER, 2)] });
    expect(refs[0]).toBe('MC-UNKNOWN');
    expect(refs).toContain(ORDER);
  });

  it('works without an OrdrRef (a whole-message status)', () => {
    expect(matchRefsOf({ messageRefs: [messageIdFor(ORDER, 1)] })).toContain(ORDER);
    expect(matchRefsOf({ messageRefs: [] })).toEqual([]);
  });
});
