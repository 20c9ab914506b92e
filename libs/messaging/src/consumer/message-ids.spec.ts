import { contentMessageId, deadLetterMessageId, deterministicUuid, redeliveryMessageId } from './message-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(deterministicUuid.name, () => {
  it('gives the same UUID for the same parts and another for other parts', () => {
    expect(deterministicUuid('a', 'b')).toMatch(UUID);
    expect(deterministicUuid('a', 'b')).toBe(deterministicUuid('a', 'b'));
    expect(deterministicUuid('a', 'b')).not.toBe(deterministicUuid('ab'));
  });

  it('derives distinct ids for content, each redelivery attempt and the dead letter', () => {
    const content = contentMessageId('ta.acks.v1', 'ACC1', Buffer.from('{"orderRef":"X"}'));
    expect(content).toBe(contentMessageId('ta.acks.v1', 'ACC1', Buffer.from('{"orderRef":"X"}')));
    expect(content).not.toBe(contentMessageId('ta.acks.v1', 'ACC2', Buffer.from('{"orderRef":"X"}')));
    const ids = [
      redeliveryMessageId(content, 2),
      redeliveryMessageId(content, 3),
      deadLetterMessageId(content),
    ];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(UUID);
  });
});
