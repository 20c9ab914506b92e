import {
  attemptOfMessageId,
  masterRefFor,
  messageIdFor,
  orderFileName,
  temporaryFileName,
} from './setr-references';

const OUR_REF = 'MC0A1B2C3D4E5F60718293A4B5C6D7E8F9';
const TRADE_HEX = '0A1B2C3D4E5F60718293A4B5C6D7E8F9';

describe(messageIdFor.name, () => {
  it('is the order ref and the attempt when they fit in 35 characters', () => {
    expect(messageIdFor('ORD-42', 1)).toBe('ORD-42-1');
    expect(messageIdFor('ORD-42', 17)).toBe('ORD-42-17');
  });

  it('keeps the whole trade id of our refs up to attempt 99, at most 35 characters', () => {
    for (const attempt of [1, 9, 10, 99]) {
      const id = messageIdFor(OUR_REF, attempt);
      expect(id.length).toBeLessThanOrEqual(35);
      expect(id).toContain(TRADE_HEX);
      expect(id.endsWith(`-${attempt}`)).toBe(true);
    }
    expect(messageIdFor(OUR_REF, 1)).toBe(`C${TRADE_HEX}-1`);
  });

  it('is deterministic and different for each attempt', () => {
    expect(messageIdFor(OUR_REF, 2)).toBe(messageIdFor(OUR_REF, 2));
    const ids = new Set(Array.from({ length: 200 }, (_, i) => messageIdFor(OUR_REF, i + 1)));
    expect(ids.size).toBe(200);
  });

  it.each([0, -1, 1.5, 10_000, Number.NaN])('refuses attempt %p', (attempt) => {
    expect(() => messageIdFor(OUR_REF, attempt)).toThrow(RangeError);
  });
});

describe(attemptOfMessageId.name, () => {
  it('finds the attempt in a MsgId made for the order, and nothing in others', () => {
    expect(attemptOfMessageId(messageIdFor(OUR_REF, 3), OUR_REF)).toBe(3);
    expect(attemptOfMessageId(messageIdFor(OUR_REF, 12), OUR_REF)).toBe(12);
    expect(attemptOfMessageId(messageIdFor('MC' + 'F'.repeat(32), 3), OUR_REF)).toBeUndefined();
    expect(attemptOfMessageId('CALASTONE-MSG-1', OUR_REF)).toBeUndefined();
  });
});

describe(masterRefFor.name, () => {
  it('drops the hyphens of a UUID batch id (36 > 35)', () => {
    expect(masterRefFor('5d0c8e3a-9b7f-4a61-8c2d-1e3f5a7b9c0d')).toBe('5d0c8e3a9b7f4a618c2d1e3f5a7b9c0d');
  });

  it('keeps a short batch id and refuses a long one', () => {
    expect(masterRefFor('BATCH-7')).toBe('BATCH-7');
    expect(() => masterRefFor('B'.repeat(36))).toThrow(RangeError);
  });
});

describe(orderFileName.name, () => {
  it('is <OrdrRef>.<messageType>.xml', () => {
    expect(orderFileName(OUR_REF, 'setr.010.001.04')).toBe(`${OUR_REF}.setr.010.001.04.xml`);
  });

  it.each(['../etc/passwd', 'a/b', 'a b', '.hidden', 'x'.repeat(36), ''])('refuses %j', (ref) => {
    expect(() => orderFileName(ref, 'setr.004.001.04')).toThrow(RangeError);
  });
});

describe(temporaryFileName.name, () => {
  it('is hidden, never ends in .xml, and differs per call', () => {
    const name = temporaryFileName('MC1.setr.010.001.04.xml');
    expect(name).toMatch(/^\.MC1\.setr\.010\.001\.04\.xml\.[0-9a-f-]{36}\.part$/);
    expect(temporaryFileName('MC1.setr.010.001.04.xml')).not.toBe(name);
  });
});
