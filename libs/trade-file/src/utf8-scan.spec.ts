import { firstInvalidUtf8, incompleteSuffixLength } from './utf8-scan';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe(firstInvalidUtf8.name, () => {
  it('agrees with TextDecoder on what is valid', () => {
    const valid = new TextEncoder().encode('aé€🚀\u{10FFFF}');
    expect(firstInvalidUtf8(valid)).toBe(-1);
  });

  it.each([
    ['a stray continuation byte', bytes(0x41, 0x80), 1],
    ['an overlong 2-byte form', bytes(0xc0, 0xaf), 0],
    ['an overlong 3-byte form', bytes(0x41, 0xe0, 0x80, 0xaf), 1],
    ['a surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a lead byte followed by ASCII', bytes(0x41, 0x42, 0xe2, 0x28, 0xa1), 2],
    ['0xFF', bytes(0xff), 0],
  ])('finds %s', (_what, input, at) => {
    expect(firstInvalidUtf8(input)).toBe(at);
  });

  it('does not count a character cut off by the end as invalid', () => {
    expect(firstInvalidUtf8(bytes(0x41, 0xf0, 0x9f, 0x9a))).toBe(-1);
  });
});

describe(incompleteSuffixLength.name, () => {
  it.each([
    [bytes(0x41), 0],
    [bytes(0x41, 0xe2), 1],
    [bytes(0xe2, 0x82), 2],
    [bytes(0xe2, 0x82, 0xac), 0],
    [bytes(0xf0, 0x9f, 0x9a), 3],
    [bytes(0x80, 0x80, 0x80), 0],
  ])('%p → %p', (input, length) => {
    expect(incompleteSuffixLength(input)).toBe(length);
  });
});
