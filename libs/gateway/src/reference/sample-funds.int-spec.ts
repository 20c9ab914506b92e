import type { DataSource } from 'typeorm';
import { FundMaster } from '@contingency/ledger';
import { createTestDatabase } from '@contingency/testing';
import { readSampleFunds, seedSampleFundsIfEmpty } from './sample-funds';

describe(seedSampleFundsIfEmpty.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('sample_funds');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('loads the sample master into an empty ledger, once, and audits it', async () => {
    const sample = readSampleFunds();
    expect(await seedSampleFundsIfEmpty(ds)).toBe(sample.length);
    expect(await seedSampleFundsIfEmpty(ds)).toBe(0);

    const funds = await new FundMaster().list(ds.manager);
    expect(funds.map((f) => f.isin)).toEqual(sample.map((f) => f.isin).sort());
    const audit = await ds.query<{ actor: string; details: unknown }[]>(
      `SELECT actor, details FROM audit_log WHERE action = 'FUND_MASTER_REPLACED'`,
    );
    expect(audit).toEqual([
      { actor: 'standalone', details: { count: sample.length, source: 'sample-funds.csv' } },
    ]);
  });

  it('leaves a loaded master alone', async () => {
    const [one] = readSampleFunds();
    await ds.transaction((tx) => new FundMaster().replaceAll(tx, [one]));
    expect(await seedSampleFundsIfEmpty(ds)).toBe(0);
    expect((await new FundMaster().list(ds.manager)).map((f) => f.isin)).toEqual([one.isin]);
  });

  it('seeds once when several starts race', async () => {
    await ds.query('DELETE FROM funds');
    const seeded = await Promise.all([1, 2, 3].map(() => seedSampleFundsIfEmpty(ds)));
    expect(seeded.filter((n) => n > 0)).toHaveLength(1);
  });
});
