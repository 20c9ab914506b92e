import { displayFileName } from './display-file-name';

describe(displayFileName.name, () => {
  it.each([
    ['trades.csv', 'trades.csv'],
    ['C:\\Users\\ops\\trades.csv', 'trades.csv'],
    ['../../etc/passwd', 'passwd'],
    ['  monday   trades.xlsx ', 'monday trades.xlsx'],
    ['evil\u202egpj.exe', 'evilgpj.exe'],
    ['line\r\nbreak.csv', 'linebreak.csv'],
    ['', 'upload'],
    [undefined, 'upload'],
    ['..', 'upload'],
    ['dir/', 'upload'],
  ])('%j → %j', (raw, shown) => {
    expect(displayFileName(raw)).toBe(shown);
  });

  it('bounds the length by characters, not bytes', () => {
    expect([...displayFileName('é'.repeat(500))]).toHaveLength(200);
  });
});
