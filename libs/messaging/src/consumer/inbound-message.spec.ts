import { ContractViolation, Headers, Topics } from '@contingency/contracts';
import type { DeliveredRecord } from '../bus/message-bus';
import { decode, identify } from './inbound-message';

const ack = { orderRef: 'MC1', status: 'ACCEPTED', acknowledgedAt: '2026-12-04T10:00:00Z' };

const record = (over: Partial<DeliveredRecord> = {}): DeliveredRecord => ({
  topic: Topics.taAcks,
  key: 'ACC1',
  value: Buffer.from(JSON.stringify(ack)),
  headers: {},
  partition: 2,
  offset: '41',
  ...over,
});

describe(identify.name, () => {
  it('uses the message-id, correlation-id and attempt headers', () => {
    const headers = { [Headers.messageId]: 'm-1', [Headers.correlationId]: 'c-1', [Headers.attempt]: '3' };
    expect(identify(record({ headers }))).toEqual({ messageId: 'm-1', correlationId: 'c-1', attempt: 3 });
  });

  it('hashes the content of records without a message id (the external TA feed)', () => {
    const first = identify(record());
    expect(first).toEqual(identify(record({ partition: 0, offset: '7' })));
    expect(first.correlationId).toBe(first.messageId);
    expect(first.attempt).toBe(1);
    expect(identify(record({ key: 'ACC2' })).messageId).not.toBe(first.messageId);
  });
});

describe(decode.name, () => {
  it('gives the validated payload and the position', () => {
    const r = record();
    const { message, json } = decode(r, identify(r));
    expect(message.payload).toEqual(ack);
    expect(json).toEqual(ack);
    expect(message.position).toEqual({ partition: 2, offset: '41' });
  });

  it('throws a ContractViolation for values that are not JSON or break the contract', () => {
    const garbage = record({ value: Buffer.from('not json') });
    expect(() => decode(garbage, identify(garbage))).toThrow(ContractViolation);
    const bad = record({ value: Buffer.from(JSON.stringify({ ...ack, status: 'MAYBE' })) });
    expect(() => decode(bad, identify(bad))).toThrow(/status/);
  });
});
