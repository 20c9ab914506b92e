import { el, escapeXml, optTextEl, serializeXml, textEl, XmlWriteError } from './xml-writer';

describe(serializeXml.name, () => {
  it('writes the declaration, the namespace on the root, indented children and empty elements', () => {
    const xml = serializeXml(
      el('Document', el('A', textEl('B', 'x'), optTextEl('C', undefined)), el('D')),
      'urn:x',
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:x">\n  <A>\n    <B>x</B>\n  </A>\n  <D/>\n</Document>\n',
    );
  });

  it('escapes text and attributes so that no value can open markup', () => {
    const xml = serializeXml(el('R', textEl('T', `a&b<c>d"e'f]]>`, { Ccy: `"><x a='` })), 'urn:x');
    expect(xml).toContain(`<T Ccy="&quot;&gt;&lt;x a=&apos;">a&amp;b&lt;c&gt;d&quot;e&apos;f]]&gt;</T>`);
  });

  it('keeps accented and non-Latin text as UTF-8', () => {
    expect(serializeXml(el('R', textEl('N', 'Société Générale — 東京 😀')), 'urn:x')).toContain(
      '<N>Société Générale — 東京 😀</N>',
    );
  });

  it('leaves false, null and undefined children out', () => {
    expect(serializeXml(el('R', false, null, undefined, el('K')), 'urn:x')).toContain('">\n  <K/>\n</R>');
  });

  it('refuses names that are not XML names', () => {
    expect(() => el('a b')).toThrow(XmlWriteError);
    expect(() => textEl('<x>', 'v')).toThrow(XmlWriteError);
    expect(() => textEl('x', 'v', { 'a"': 'v' })).toThrow(XmlWriteError);
  });
});

describe(escapeXml.name, () => {
  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate', '\udc00'],
    ['U+FFFE', '\ufffe'],
  ])('refuses %s rather than dropping it', (_name, char) => {
    expect(() => escapeXml(`a${char}b`, false)).toThrow(/U\+/);
  });

  it('writes tab, LF and CR as references in attributes, CR in text', () => {
    expect(escapeXml('a\tb\nc\rd', true)).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeXml('a\tb\nc\rd', false)).toBe('a\tb\nc&#13;d');
  });
});
