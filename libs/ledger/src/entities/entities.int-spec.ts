import { createTestDatabase } from '@contingency/testing';
import { BatchEntity } from './batch.entity';
import { TradeEntity } from './trade.entity';

describe('LEDGER_ENTITIES', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('entities');
  });

  afterAll(async () => {
    await db?.drop();
  });

  // TypeORM's own "schema in sync" check: what synchronize would run against the migrated database.
  it('match the migrated schema exactly', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('read back what they wrote, with dates as YYYY-MM-DD and numerics as strings', async () => {
    const m = db.dataSource.manager;
    await m.insert(BatchEntity, {
      id: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0001',
      fileName: 'a.csv',
      sha256: 'a'.repeat(64),
      sizeBytes: '10',
      status: 'VALIDATING',
      uploadedBy: 'olivia',
    });
    await m.insert(TradeEntity, {
      id: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0002',
      batchId: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0001',
      rowNumber: 1,
      cells: { clientRef: 'C1' },
      clientRef: 'C1',
      accountId: 'ACC1',
      amount: '1000.50',
      tradeDate: '2026-12-04',
      status: 'VALID',
    });
    const trade = await m.findOneByOrFail(TradeEntity, { id: '7b0c1c0a-8d4e-4b7e-9a43-3f1c1d1e0002' });
    expect(trade).toMatchObject({
      amount: '1000.50000000',
      tradeDate: '2026-12-04',
      externalRefs: {},
      errors: [],
      possibleDuplicate: false,
      version: 1,
    });
  });
});
