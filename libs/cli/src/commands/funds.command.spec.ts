import { runCli } from '../run-cli';
import { API, apiError, fakeCli, json } from '../testing/fake-deps';
import { fundsImportCommand } from './funds-import.command';
import { fundsListCommand } from './funds-list.command';

const CSV = new TextEncoder().encode('isin,name\n');

describe(fundsImportCommand.name, () => {
  const withFile = (server: Parameters<typeof fakeCli>[0]) =>
    fakeCli(server, {
      readFile: (path) => (path === 'funds.csv' ? Promise.resolve(CSV) : Promise.reject(new Error('?'))),
    });

  it('PUTs the file as text/csv and prints the count', async () => {
    const cli = withFile(() => json(200, { count: 8 }));
    expect(await runCli(['funds', 'import', 'funds.csv'], cli.deps)).toBe(0);
    const [request] = cli.requests;
    expect(request.method).toBe('PUT');
    expect(request.url.toString()).toBe(`${API}/api/v1/reference/funds`);
    expect(request.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(request.body).toEqual(CSV);
    expect(cli.stdout()).toBe('fund master replaced: 8 funds from funds.csv\n');
  });

  it('lists every row error of a refused file, then the error line, exit 1', async () => {
    const errors = [
      {
        row: 2,
        column: 'currency',
        code: 'CURRENCY_UNKNOWN',
        message: "currency 'EURO' is not an active ISO 4217 code",
      },
      {
        row: 5,
        column: 'isin',
        code: 'ISIN_CHECK_DIGIT',
        message: 'isin LU1294538505 has a wrong check digit',
      },
    ];
    const cli = withFile(() =>
      apiError(422, 'INVALID_FUND_MASTER', 'The fund master has 3 error(s); nothing was changed.', {
        errors,
        errorCount: 3,
      }),
    );
    expect(await runCli(['funds', 'import', 'funds.csv'], cli.deps)).toBe(1);
    expect(cli.stderr()).toBe(
      [
        'ROW  COLUMN    CODE              MESSAGE',
        "2    currency  CURRENCY_UNKNOWN  currency 'EURO' is not an active ISO 4217 code",
        '5    isin      ISIN_CHECK_DIGIT  isin LU1294538505 has a wrong check digit',
        '… and 1 more',
        'error: INVALID_FUND_MASTER: The fund master has 3 error(s); nothing was changed. (HTTP 422)',
        '',
      ].join('\n'),
    );
  });

  it('a file-level refusal is the one error line', async () => {
    const cli = withFile(() =>
      apiError(422, 'MISSING_COLUMNS', 'The header on line 1 lacks the column(s) status.'),
    );
    expect(await runCli(['funds', 'import', 'funds.csv'], cli.deps)).toBe(1);
    expect(cli.stderr()).toBe(
      'error: MISSING_COLUMNS: The header on line 1 lacks the column(s) status. (HTTP 422)\n',
    );
  });

  it('a file that cannot be read: exit 1, nothing sent', async () => {
    const cli = fakeCli();
    expect(await runCli(['funds', 'import', 'missing.csv'], cli.deps)).toBe(1);
    expect(cli.stderr()).toBe('error: cannot read missing.csv: no such file\n');
    expect(cli.requests).toEqual([]);
  });
});

describe(fundsListCommand.name, () => {
  const items = [
    {
      isin: 'IE00B5SG2T44',
      name: 'Goldman Sachs Sterling Liquid Reserves Fund',
      provider: 'GS',
      currency: 'GBP',
      cutoffTime: '13:00',
      timezone: 'Europe/London',
      primaryRoute: 'CASIE',
      alternateRoute: null,
      status: 'OPEN',
      updatedAt: '2026-03-02T09:00:00.000Z',
    },
    {
      isin: 'LU1294538506',
      name: 'Aurelian Euro Short Duration Fund',
      provider: 'NON_GS',
      currency: 'EUR',
      cutoffTime: '12:00',
      timezone: 'Europe/Luxembourg',
      primaryRoute: 'CASIE',
      alternateRoute: 'CALASTONE',
      status: 'OPEN',
      updatedAt: '2026-03-02T09:00:00.000Z',
    },
  ];

  it('prints the funds as a table', async () => {
    const cli = fakeCli(() => json(200, { items }));
    expect(await runCli(['funds', 'list'], cli.deps)).toBe(0);
    expect(cli.stdout()).toBe(
      [
        'ISIN          PROVIDER  CCY  CUTOFF  TIMEZONE           PRIMARY  ALTERNATE  STATUS  NAME',
        'IE00B5SG2T44  GS        GBP  13:00   Europe/London      CASIE    -          OPEN    Goldman Sachs Sterling Liquid Reserves Fund',
        'LU1294538506  NON_GS    EUR  12:00   Europe/Luxembourg  CASIE    CALASTONE  OPEN    Aurelian Euro Short Duration Fund',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the answer', async () => {
    const cli = fakeCli(() => json(200, { items }));
    expect(await runCli(['funds', 'list', '--json'], cli.deps)).toBe(0);
    expect(JSON.parse(cli.stdout())).toEqual({ items });
  });

  it('says so when the master is empty', async () => {
    const cli = fakeCli(() => json(200, { items: [] }));
    await runCli(['funds', 'list'], cli.deps);
    expect(cli.stdout()).toBe('the fund master is empty\n');
  });
});
