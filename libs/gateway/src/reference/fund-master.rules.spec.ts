import type { FundMasterCode } from './fund-master.codes';
import { fundCells } from './fund-master.fixtures';
import type { FundMasterCells } from './fund-master.parser';
import { checkFund, checkTimezone, validateFundMaster } from './fund-master.rules';

const codesOf = (overrides: Partial<FundMasterCells>): FundMasterCode[] => {
  const checked = checkFund(fundCells(overrides));
  return 'problems' in checked ? checked.problems.map(([code]) => code) : [];
};

describe(validateFundMaster.name, () => {
  it('normalises a valid row into a fund', () => {
    expect(validateFundMaster([{ row: 1, cells: fundCells() }])).toEqual({
      errors: [],
      funds: [
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
        },
      ],
    });
  });

  it('accepts codes and names in any case, an empty alternate route as none', () => {
    const { funds, errors } = validateFundMaster([
      {
        row: 1,
        cells: fundCells({
          isin: 'lu1294538506',
          provider: 'non_gs',
          currency: 'eur',
          timezone: 'europe/luxembourg',
          primary_route: 'calastone',
          alternate_route: '',
          status: 'closed',
        }),
      },
    ]);
    expect(errors).toEqual([]);
    expect(funds[0]).toMatchObject({
      isin: 'LU1294538506',
      provider: 'NON_GS',
      currency: 'EUR',
      timezone: 'Europe/Luxembourg',
      primaryRoute: 'CALASTONE',
      alternateRoute: null,
      status: 'CLOSED',
    });
  });

  it('reports every problem of every row, in column order, with row and column, and keeps no fund', () => {
    const { funds, errors } = validateFundMaster([
      { row: 1, cells: fundCells() },
      { row: 2, cells: fundCells({ isin: 'LU1294538507', currency: 'EURO', status: 'SUSPENDED' }) },
      { row: 4, cells: fundCells({ isin: 'GB00B4T7HV46', cutoff_time: '24:00' }) },
    ]);
    expect(errors).toEqual([
      { row: 2, column: 'isin', code: 'ISIN_CHECK_DIGIT', message: expect.stringContaining('LU1294538506') },
      { row: 2, column: 'currency', code: 'CURRENCY_UNKNOWN', message: expect.stringContaining("'EURO'") },
      { row: 2, column: 'status', code: 'STATUS_INVALID', message: expect.stringContaining("'SUSPENDED'") },
      {
        row: 4,
        column: 'cutoff_time',
        code: 'CUTOFF_TIME_FORMAT',
        message: expect.stringContaining("'24:00'"),
      },
    ]);
    expect(funds.map((f) => f.isin)).toEqual(['LU1294538506']);
  });

  it('ISIN_DUPLICATE: an ISIN again later in the file (any case), naming the first row', () => {
    const { errors } = validateFundMaster([
      { row: 1, cells: fundCells() },
      { row: 2, cells: fundCells({ isin: 'GB00B4T7HV46' }) },
      { row: 3, cells: fundCells({ isin: 'lu1294538506', currency: 'XXX' }) },
    ]);
    expect(errors).toEqual([
      { row: 3, column: 'isin', code: 'ISIN_DUPLICATE', message: expect.stringContaining('row 1') },
      expect.objectContaining({ row: 3, code: 'CURRENCY_UNKNOWN' }),
    ]);
  });
});

describe(checkFund.name, () => {
  it.each<[FundMasterCode, Partial<FundMasterCells>]>([
    ['ISIN_REQUIRED', { isin: '' }],
    ['ISIN_FORMAT', { isin: 'LU129453850' }],
    ['ISIN_FORMAT', { isin: '1U1294538506' }],
    ['ISIN_FORMAT', { isin: 'LU129453850X' }],
    ['ISIN_CHECK_DIGIT', { isin: 'LU1294538505' }],
    ['NAME_REQUIRED', { name: '' }],
    ['NAME_TOO_LONG', { name: 'x'.repeat(201) }],
    ['PROVIDER_REQUIRED', { provider: '' }],
    ['PROVIDER_INVALID', { provider: 'GOLDMAN' }],
    ['CURRENCY_REQUIRED', { currency: '' }],
    ['CURRENCY_UNKNOWN', { currency: 'EU' }],
    ['CURRENCY_UNKNOWN', { currency: 'XAU' }],
    ['CURRENCY_UNKNOWN', { currency: 'HRK' }],
    ['CUTOFF_TIME_REQUIRED', { cutoff_time: '' }],
    ['CUTOFF_TIME_FORMAT', { cutoff_time: '9:30' }],
    ['CUTOFF_TIME_FORMAT', { cutoff_time: '12:60' }],
    ['CUTOFF_TIME_FORMAT', { cutoff_time: '12:00:00' }],
    ['CUTOFF_TIME_FORMAT', { cutoff_time: 'noon' }],
    ['TIMEZONE_REQUIRED', { timezone: '' }],
    ['TIMEZONE_UNKNOWN', { timezone: 'Europe/Atlantis' }],
    ['TIMEZONE_UNKNOWN', { timezone: 'CET+1' }],
    ['TIMEZONE_UNKNOWN', { timezone: '+01:00' }],
    ['TIMEZONE_UNKNOWN', { timezone: 'London' }],
    ['PRIMARY_ROUTE_REQUIRED', { primary_route: '' }],
    ['PRIMARY_ROUTE_INVALID', { primary_route: 'SWIFT' }],
    ['ALTERNATE_ROUTE_INVALID', { alternate_route: 'CASIE' }],
    ['ALTERNATE_ROUTE_SAME_AS_PRIMARY', { primary_route: 'CALASTONE', alternate_route: 'calastone' }],
    ['ALTERNATE_ROUTE_NOT_FOR_GS', { provider: 'GS', alternate_route: 'CALASTONE' }],
    ['STATUS_REQUIRED', { status: '' }],
    ['STATUS_INVALID', { status: 'SUSPENDED' }],
  ])('%s for %j', (code, overrides) => {
    expect(codesOf(overrides)).toEqual([code]);
  });

  it('accepts the bounds of the cut-off and a GS fund without alternate route', () => {
    expect(codesOf({ cutoff_time: '00:00' })).toEqual([]);
    expect(codesOf({ cutoff_time: '23:59' })).toEqual([]);
    expect(codesOf({ provider: 'GS', alternate_route: '' })).toEqual([]);
    expect(codesOf({ provider: 'GS', primary_route: 'CALASTONE', alternate_route: '' })).toEqual([]);
  });

  it('names the expected check digit', () => {
    const checked = checkFund(fundCells({ isin: 'LU1294538505' }));
    expect('problems' in checked && checked.problems[0][1]).toContain('expected LU1294538506');
  });

  it('judges every column of a row together', () => {
    expect(
      codesOf({ isin: '', name: '', provider: 'X', currency: '', cutoff_time: '', timezone: '', status: '' }),
    ).toEqual([
      'ISIN_REQUIRED',
      'NAME_REQUIRED',
      'PROVIDER_INVALID',
      'CURRENCY_REQUIRED',
      'CUTOFF_TIME_REQUIRED',
      'TIMEZONE_REQUIRED',
      'STATUS_REQUIRED',
    ]);
  });
});

describe(checkTimezone.name, () => {
  it.each([
    ['Europe/London', 'Europe/London'],
    ['europe/dublin', 'Europe/Dublin'],
    ['America/New_York', 'America/New_York'],
    ['UTC', 'UTC'],
  ])('accepts %s as %s', (cell, stored) => {
    expect(checkTimezone(cell)).toEqual({ value: stored });
  });

  it('keeps an IANA alias as written rather than swapping it for another name', () => {
    expect(checkTimezone('US/Eastern')).toEqual({ value: 'US/Eastern' });
  });
});
