import { HEADER, readAll, refusalOf, seededRandom, tradeLine } from '../test-fixtures/trade-file.fixtures';
import { readTradeFile } from './read-trade-file';

// Every boundary a network can cut at: inside CRLF, inside "" and inside a multi-byte character.
const file = Buffer.from(
  [
    `\uFEFF${HEADER}`,
    `REF-1,SUBSCRIPTION,LU0000000001,ACC-1,10,EUR,,2026-12-04,,"Zürich €, ""quoted""`,
    `and a second line 🚀"`,
    ``,
    `REF-2,REDEMPTION,LU0000000002,ACC-2,,,12.5,2026-12-04,2026-12-08,日本語のコメント`,
    ...Array.from({ length: 40 }, (_, i) => tradeLine(i + 3)),
    '',
    '',
  ].join('\r\n'),
  'utf8',
);

describe(readTradeFile.name, () => {
  it('reads the same rows whatever the chunk sizes', async () => {
    const whole = await readAll(file);
    expect(whole).toHaveLength(42);
    expect(whole[0].cells.comment).toBe('Zürich €, "quoted"\r\nand a second line 🚀');
    expect(whole[1]).toMatchObject({ row: 3, cells: { comment: '日本語のコメント' } });

    expect(await readAll(file, {}, [1])).toEqual(whole);
    const random = seededRandom(42);
    for (let run = 0; run < 50; run++) {
      const sizes = Array.from({ length: 20 }, () => 1 + Math.floor(random() * 300));
      expect(await readAll(file, {}, sizes)).toEqual(whole);
    }
  });

  it('splits a multi-byte character at every position across two chunks', async () => {
    const euro = Buffer.from(`${HEADER}\n${tradeLine(1).replace('row 1', '€🚀')}\n`);
    const at = euro.indexOf(Buffer.from('€'));
    for (let cut = at; cut <= at + 7; cut++) {
      const rows = await readAll(euro, {}, [cut, euro.length]);
      expect(rows[0].cells.comment).toBe('€🚀');
    }
  });

  it('reports the same BAD_ENCODING offset whatever the chunk sizes', async () => {
    const cut = file.indexOf('REF-2');
    const bad = Buffer.concat([file.subarray(0, cut), Buffer.from([0xe2, 0x28, 0xa1]), file.subarray(cut)]);
    const expected = await refusalOf(bad);
    expect(expected.details).toEqual({ byteOffset: cut, line: 5 });
    expect((await refusalOf(bad, {}, [1])).details).toEqual(expected.details);
    expect((await refusalOf(bad, {}, [cut - 1, 2, 5])).details).toEqual(expected.details);
    expect((await refusalOf(bad, {}, [cut + 1, 1])).details).toEqual(expected.details);
  });
});
