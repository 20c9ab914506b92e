import { Readable } from 'node:stream';
import { HEADER, OPTIONS, readAll, tradeLine } from '../test-fixtures/trade-file.fixtures';
import { readTradeFile } from './read-trade-file';
import type { TradeCells } from './trade-columns';

const cellsOf = (overrides: Partial<TradeCells> = {}): TradeCells => ({
  clientRef: 'REF-1',
  orderType: 'SUBSCRIPTION',
  fundIsin: 'LU0000000001',
  accountId: 'ACC-1',
  amount: '1001.50',
  currency: 'EUR',
  units: '',
  tradeDate: '2026-12-04',
  settlementDate: '2026-12-08',
  comment: 'row 1',
  ...overrides,
});

describe(readTradeFile.name, () => {
  it('reads a plain file into rows numbered from 1', async () => {
    const rows = await readAll(`${HEADER}\n${tradeLine(1)}\n${tradeLine(2)}\n`);
    expect(rows).toEqual([
      { row: 1, cells: cellsOf() },
      {
        row: 2,
        cells: cellsOf({ clientRef: 'REF-2', accountId: 'ACC-2', amount: '1002.50', comment: 'row 2' }),
      },
    ]);
  });

  it('accepts a UTF-8 BOM, CRLF line ends and no line break at the end', async () => {
    const rows = await readAll(`\uFEFF${HEADER}\r\n${tradeLine(1)}\r\n${tradeLine(2)}`);
    expect(rows.map((r) => r.cells.clientRef)).toEqual(['REF-1', 'REF-2']);
  });

  it('follows RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes', async () => {
    const line = `REF-1,SUBSCRIPTION,LU0000000001,ACC-1,1001.50,EUR,,2026-12-04,,"Say ""hi"", then
wait"`;
    const rows = await readAll(`${HEADER}\r\n${line}\r\n${tradeLine(3)}\r\n`);
    expect(rows[0].cells.comment).toBe('Say "hi", then\nwait');
    expect(rows[0].cells.settlementDate).toBe('');
    // A multi-line cell is one row, as in Excel.
    expect(rows[1].row).toBe(2);
  });

  it('trims cells and tolerates blanks around a quoted cell', async () => {
    const rows = await readAll(
      `${HEADER}\n  REF-1 , "SUBSCRIPTION" ,LU0000000001,ACC-1,1001.50,EUR,,2026-12-04,2026-12-08,row 1  \n`,
    );
    expect(rows[0].cells).toEqual(cellsOf());
  });

  it('reads header names case-insensitively, trimmed, in any order', async () => {
    const header =
      ' Comment,TRADE_DATE ,Units,Currency,Amount,Account_Id,Fund_ISIN,Order_Type,Client_Ref,Settlement_Date';
    const line = 'row 1,2026-12-04,,EUR,1001.50,ACC-1,LU0000000001,SUBSCRIPTION,REF-1,2026-12-08';
    expect(await readAll(`${header}\n${line}\n`)).toEqual([{ row: 1, cells: cellsOf() }]);
  });

  it('allows the optional settlement_date and comment columns to be absent', async () => {
    const header = 'client_ref,order_type,fund_isin,account_id,amount,currency,units,trade_date';
    const rows = await readAll(`${header}\nREF-1,SUBSCRIPTION,LU0000000001,ACC-1,1001.50,EUR,,2026-12-04\n`);
    expect(rows[0].cells).toEqual(cellsOf({ settlementDate: '', comment: '' }));
  });

  it('skips blank lines but keeps counting rows as the operator sees them; ignores trailing blank lines', async () => {
    const file = `\n${HEADER}\n${tradeLine(1)}\n\n   \n,,,,,,,,,\n${tradeLine(5)}\n\r\n\n\n`;
    const rows = await readAll(file);
    expect(rows.map((r) => [r.row, r.cells.clientRef])).toEqual([
      [1, 'REF-1'],
      [5, 'REF-5'],
    ]);
  });

  it('ignores trailing unnamed empty columns that spreadsheets export', async () => {
    const rows = await readAll(`${HEADER},,\n${tradeLine(1)},,\n${tradeLine(2)}, ,\n`);
    expect(rows).toHaveLength(2);
  });

  it('keeps a quote in the middle of an unquoted cell as text', async () => {
    const rows = await readAll(`${HEADER}\n${tradeLine(1).replace('row 1', 'the 5" rule')}\n`);
    expect(rows[0].cells.comment).toBe('the 5" rule');
  });

  it('accepts old Mac line ends (CR only)', async () => {
    const rows = await readAll(`${HEADER}\r${tradeLine(1)}\r${tradeLine(2)}\r`);
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
  });

  it('reads a Node stream, including one in string mode', async () => {
    const text = `${HEADER}\n${tradeLine(1)}\n`;
    const fromStream = async (stream: NodeJS.ReadableStream): Promise<number> => {
      let count = 0;
      for await (const _row of readTradeFile(stream, OPTIONS)) count++;
      return count;
    };
    expect(await fromStream(Readable.from([Buffer.from(text)]))).toBe(1);
    expect(await fromStream(Readable.from([Buffer.from(text)]).setEncoding('utf8'))).toBe(1);
  });

  it('decides the format from the content, not from the name or declared type', async () => {
    const rows = await readAll(`${HEADER}\n${tradeLine(1)}\n`, {
      fileName: 'trades.pdf',
      contentType: 'application/pdf',
    });
    expect(rows).toHaveLength(1);
  });

  it('closes the source when the caller stops early', async () => {
    const source = Readable.from([Buffer.from(`${HEADER}\n${tradeLine(1)}\n${tradeLine(2)}\n`)]);
    for await (const _row of readTradeFile(source, OPTIONS)) break;
    expect(source.destroyed).toBe(true);
  });
});
