import { appendCapped, spreadsheetText } from './xlsx-text';

describe(spreadsheetText.name, () => {
  it.each([
    ['plain', 'plain'],
    ['line_x000D_\nnext', 'line\r\nnext'],
    ['tab_x0009_here', 'tab\there'],
    ['literal _x005F_x0041_', 'literal _x0041_'],
    ['not an escape _x41_', 'not an escape _x41_'],
  ])('%p → %p', (raw, text) => {
    expect(spreadsheetText(raw)).toBe(text);
  });

  it('cuts text one character past the cell limit, so the limit check still sees it', () => {
    expect(spreadsheetText('A'.repeat(20_000))).toHaveLength(10_001);
    expect(spreadsheetText('_x0041_'.repeat(10_001))).toBe('A'.repeat(10_001));
  });
});

describe(appendCapped.name, () => {
  it('stops collecting once enough is held to tell a cell over the limit', () => {
    let collected = '';
    for (let i = 0; i < 100; i++) collected = appendCapped(collected, 'x'.repeat(1000));
    expect(collected).toHaveLength(70_007);
  });
});
