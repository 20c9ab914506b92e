import { checkFund, decideRoute } from './fund.rule';
import { aFund } from './rules.fixtures';

function codesOf(checked: { ok: true } | { ok: false; issues: { code: string }[] }): string[] {
  return checked.ok ? [] : checked.issues.map((found) => found.code);
}

describe(checkFund.name, () => {
  it('accepts an OPEN fund of the fund master', () => {
    const fund = aFund();
    expect(checkFund(fund.isin, fund)).toEqual({ ok: true, value: fund });
  });

  it('refuses a fund that is not in the fund master', () => {
    expect(checkFund('LU0274208692', undefined)).toEqual({
      ok: false,
      issues: [
        {
          code: 'FUND_NOT_FOUND',
          message:
            'fund_isin LU0274208692 is not in the fund master: check the ISIN, or ask an admin to add the fund to the fund master',
        },
      ],
    });
  });

  it('refuses a CLOSED fund', () => {
    const checked = checkFund('IE00B4L5Y983', aFund({ status: 'CLOSED' }));
    expect(codesOf(checked)).toEqual(['FUND_CLOSED']);
    expect(checked.ok ? undefined : checked.issues[0].message).toContain('Global Liquidity Fund');
  });

  it.each([
    [{ timezone: 'Europe/Atlantis' }, "timezone 'Europe/Atlantis'"],
    [{ cutoffTime: '5pm' }, "cutoff_time '5pm'"],
    [{ currency: 'EURO' }, "currency 'EURO'"],
  ])('refuses a fund master entry with %j', (overrides, named) => {
    const checked = checkFund('IE00B4L5Y983', aFund(overrides));
    expect(codesOf(checked)).toEqual(['FUND_REFERENCE_INVALID']);
    expect(checked.ok ? undefined : checked.issues[0].message).toContain(named);
  });

  it('accepts a cut-off as PostgreSQL returns it', () => {
    expect(checkFund('IE00B4L5Y983', aFund({ cutoffTime: '12:00:00' })).ok).toBe(true);
  });
});

describe(decideRoute.name, () => {
  it.each([
    [aFund({ provider: 'GS', primaryRoute: 'CASIE', alternateRoute: null }), 'CASIE'],
    [aFund({ provider: 'NON_GS', primaryRoute: 'CASIE', alternateRoute: 'CALASTONE' }), 'CASIE'],
    [aFund({ provider: 'NON_GS', primaryRoute: 'CALASTONE', alternateRoute: null }), 'CALASTONE'],
  ])('sends %j to its primary route %s', (fund, route) => {
    expect(decideRoute(fund)).toBe(route);
  });
});
