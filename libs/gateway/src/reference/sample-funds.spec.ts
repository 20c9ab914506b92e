import { readFileSync } from 'node:fs';
import { loadFundMaster } from './load-fund-master';
import { readSampleFunds, sampleFundsPath } from './sample-funds';

describe('sample-funds.csv', () => {
  it('passes the fund master rules as a whole', () => {
    expect(loadFundMaster(readFileSync(sampleFundsPath()))).toMatchObject({ ok: true });
  });

  it('covers what standalone mode and training need', () => {
    const funds = readSampleFunds();
    expect(new Set(funds.map((f) => f.provider))).toEqual(new Set(['GS', 'NON_GS']));
    expect(new Set(funds.map((f) => f.currency))).toEqual(new Set(['EUR', 'USD', 'GBP']));
    expect([...new Set(funds.map((f) => f.timezone))].sort()).toEqual([
      'America/New_York',
      'Europe/Dublin',
      'Europe/London',
      'Europe/Luxembourg',
    ]);
    const nonGs = funds.filter((f) => f.provider === 'NON_GS' && f.status === 'OPEN');
    expect(nonGs.some((f) => f.primaryRoute === 'CASIE' && f.alternateRoute === 'CALASTONE')).toBe(true);
    expect(nonGs.some((f) => f.primaryRoute === 'CALASTONE')).toBe(true);
    expect(funds.some((f) => f.status === 'CLOSED')).toBe(true);
    expect(funds.filter((f) => f.provider === 'GS' && f.status === 'OPEN').length).toBeGreaterThan(0);
  });
});
