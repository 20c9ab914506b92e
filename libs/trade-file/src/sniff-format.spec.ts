import { sniffFormat } from './sniff-format';

describe(sniffFormat.name, () => {
  it('recognises a workbook by the ZIP signature and CSV as text', () => {
    expect(sniffFormat(Buffer.from('PK\x03\x04\x14\x00', 'latin1'), 'x')).toBe('xlsx');
    expect(sniffFormat(Buffer.from('client_ref,order_type\n'), 'x')).toBe('csv');
    expect(sniffFormat(Buffer.from('\uFEFFclient_ref,Zürich\n'), 'x')).toBe('csv');
  });

  it('tolerates the odd control character in text (a DOS end-of-file mark)', () => {
    expect(sniffFormat(Buffer.from('client_ref,order_type\n\x1a'), 'x')).toBe('csv');
  });

  it('only looks at the first 4 KB for binary content', () => {
    expect(sniffFormat(Buffer.concat([Buffer.alloc(5000, 0x41), Buffer.alloc(100, 0)]), 'x')).toBe('csv');
  });
});
