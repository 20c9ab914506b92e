import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createTestDatabase } from '@contingency/testing';
import { DataSource } from 'typeorm';
import { AuditLog } from './audit.log';
import { BatchLedger } from './batch.ledger';
import { createLedgerDataSource } from './data-source';
import { FundMaster } from './fund.master';
import { LedgerModule } from './ledger.module';
import { OutboxWriter } from './outbox.writer';
import { pingLedger } from './ping-ledger';
import { createBareDatabase } from './test/ledger.fixtures';
import { TradeLedger } from './trade.ledger';

// A consumer elsewhere in the app that reads the ledger as soon as its module starts.
@Injectable()
class EarlyReader implements OnModuleInit {
  funds = -1;
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM funds');
    this.funds = count;
  }
}

@Module({ providers: [EarlyReader] })
class ReaderModule {}

describe(LedgerModule.name, () => {
  describe('forRoot', () => {
    let bare: Awaited<ReturnType<typeof createBareDatabase>>;

    beforeAll(async () => {
      bare = await createBareDatabase('ledger_module');
    });

    afterAll(async () => {
      await bare?.drop();
    });

    it('connects, migrates, provides the ledger services to every module and closes at shutdown', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          ReaderModule,
          LedgerModule.forRoot({ url: bare.url, poolSize: 2, migrate: true, applicationName: 'spec' }),
        ],
      }).compile();
      const app = await moduleRef.init();
      const dataSource = app.get(DataSource);

      expect(app.get(EarlyReader).funds).toBe(0);
      for (const service of [OutboxWriter, TradeLedger, BatchLedger, FundMaster, AuditLog]) {
        expect(app.get(service)).toBeInstanceOf(service);
      }
      await expect(pingLedger(dataSource)).resolves.toBeUndefined();

      await app.close();
      expect(dataSource.isInitialized).toBe(false);
      await expect(pingLedger(dataSource)).rejects.toThrow(/not connected/);
    });
  });

  describe('forDataSource', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;

    beforeAll(async () => {
      db = await createTestDatabase('ledger_module_ds');
    });

    afterAll(async () => {
      await db?.drop();
    });

    it('uses the caller’s DataSource and leaves it open', async () => {
      const app = await Test.createTestingModule({ imports: [LedgerModule.forDataSource(db.dataSource)] })
        .compile()
        .then((m) => m.init());

      expect(app.get(DataSource)).toBe(db.dataSource);
      await app.close();
      expect(db.dataSource.isInitialized).toBe(true);
    });
  });
});

describe(pingLedger.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('ping');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('gives up after the timeout when no connection answers', async () => {
    const single = await createLedgerDataSource({ url: db.url, poolSize: 1 }).initialize();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const holding = new Promise<void>((resolve) => (started = resolve));
      const busy = single.transaction(async () => {
        started();
        await held;
      });
      await holding;

      await expect(pingLedger(single, 200)).rejects.toThrow(/no answer within 200 ms/);

      release();
      await busy;
      await expect(pingLedger(single)).resolves.toBeUndefined();
    } finally {
      await single.destroy();
    }
  });
});
