import { Test } from '@nestjs/testing';
import { Injectable } from '@nestjs/common';
import { ContractViolation, parsePayload } from './validate';
import { Topics } from './topics';

@Injectable()
class Probe {}

describe(parsePayload.name, () => {
  it('accepts a well-formed TA ack', () => {
    const ack = parsePayload(Topics.taAcks, {
      orderRef: 'MC0001',
      status: 'ACCEPTED',
      acknowledgedAt: '2026-12-04T10:00:00Z',
    });
    expect(ack.status).toBe('ACCEPTED');
  });

  it('names the topic and the field of a message that breaks its contract', () => {
    expect(() => parsePayload(Topics.taAcks, { orderRef: '', status: 'MAYBE' })).toThrow(ContractViolation);
    expect(() => parsePayload(Topics.taAcks, { orderRef: 'x', status: 'MAYBE' })).toThrow(
      /ta\.acks\.v1.*status/,
    );
  });

  it('compiles under Nest decorators', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [Probe] }).compile();
    expect(moduleRef.get(Probe)).toBeInstanceOf(Probe);
  });
});
