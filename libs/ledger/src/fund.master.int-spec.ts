import { createTestDatabase } from '@contingency/testing';
import type { DataSource } from 'typeorm';
import { FundMaster, type NewFund } from './fund.master';

const fund = (isin: string, overrides: Partial<NewFund> = {}): NewFund => ({
  isin,
  name: `Fund ${isin}`,
  provider: 'NON_GS',
  currency: 'EUR',
  cutoffTime: '12:00',
  timezone: 'Europe/Dublin',
  primaryRoute: 'CASIE',
  alternateRoute: 'CALASTONE',
  status: 'OPEN',
  ...overrides,
});

describe(FundMaster.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const funds = new FundMaster();

  beforeAll(async () => {
    db = await createTestDatabase('fund_master');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('replaces the whole list', async () => {
    await ds.transaction((tx) => funds.replaceAll(tx, [fund('IE00B4L5Y983'), fund('LU0000000001')]));
    await ds.transaction((tx) =>
      funds.replaceAll(tx, [
        fund('US0000000002', { provider: 'GS', alternateRoute: null, currency: 'USD' }),
        fund('IE00B4L5Y983'),
      ]),
    );

    expect((await funds.list(ds.manager)).map((f) => f.isin)).toEqual(['IE00B4L5Y983', 'US0000000002']);
    expect(await funds.find(ds.manager, 'US0000000002')).toMatchObject({
      provider: 'GS',
      alternateRoute: null,
      currency: 'USD',
      cutoffTime: '12:00:00',
      timezone: 'Europe/Dublin',
    });
    expect(await funds.find(ds.manager, 'LU0000000001')).toBeNull();
  });

  it('keeps the old list when the new one is refused', async () => {
    const before = await funds.list(ds.manager);
    const gsWithAlternate = fund('US0000000003', { provider: 'GS', alternateRoute: 'CALASTONE' });

    await expect(
      ds.transaction((tx) => funds.replaceAll(tx, [fund('FR0000000004'), gsWithAlternate])),
    ).rejects.toThrow(/funds_gs_has_no_alternate/);

    expect(await funds.list(ds.manager)).toEqual(before);
  });

  it('loads a large fund master in chunks', async () => {
    const many = Array.from({ length: 1_500 }, (_, i) => fund(`XS${String(i).padStart(10, '0')}`));
    await ds.transaction((tx) => funds.replaceAll(tx, many));
    expect(await funds.list(ds.manager)).toHaveLength(1_500);
  });
});
