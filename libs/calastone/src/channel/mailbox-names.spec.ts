import { assertPlainName, mailboxPath, suffixedName } from './mailbox-names';

describe(assertPlainName.name, () => {
  it.each(['', '.', '..', '../x.xml', 'a/b.xml', 'a\\b.xml', 'a\0.xml'])('refuses %j', (name) => {
    expect(() => assertPlainName(name)).toThrow(RangeError);
  });

  it('accepts order and temporary file names', () => {
    expect(() => assertPlainName('MC01.setr.010.001.04.xml')).not.toThrow();
    expect(() => assertPlainName('.MC01.setr.010.001.04.xml.0b7e.part')).not.toThrow();
  });
});

describe(mailboxPath.name, () => {
  it('joins a folder and a plain name', () => {
    expect(mailboxPath('calastone/inbound', 'a.xml')).toBe('calastone/inbound/a.xml');
  });
});

describe(suffixedName.name, () => {
  it('inserts a random suffix before the extension', () => {
    const name = suffixedName('MC01.setr.016.001.04.xml');

    expect(name).toMatch(/^MC01\.setr\.016\.001\.04\.[0-9a-f]{8}\.xml$/);
    expect(suffixedName('MC01.setr.016.001.04.xml')).not.toBe(name);
  });
});
