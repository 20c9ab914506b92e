import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@contingency/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { BatchLedger } from './batch.ledger';
import { DuplicateBatchError, IllegalTransitionError } from './errors';
import { barrier, ledgers, seedBatch, validFields } from './test/ledger.fixtures';

describe(BatchLedger.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  const { batches, trades } = ledgers();

  beforeAll(async () => {
    db = await createTestDatabase('batch_ledger');
    ds = db.dataSource;
  });

  afterAll(async () => {
    await db?.drop();
  });

  const upload = (sha256: string, status?: 'FAILED') =>
    ds.transaction((tx) =>
      batches.create(tx, {
        fileName: 'trades.csv',
        sha256,
        sizeBytes: 2048,
        uploadedBy: 'olivia.operator',
        status,
        failure: status ? { code: 'EMPTY_FILE', message: 'no data rows' } : undefined,
      }),
    );

  const decide = (tradeId: string, tx: EntityManager) =>
    trades.markValid(
      tx,
      tradeId,
      { route: 'CASIE', possibleDuplicate: false, fields: validFields },
      'validator',
    );

  describe('create', () => {
    it('records a VALIDATING batch at version 1', async () => {
      const batch = await upload(randomBytes(32).toString('hex'));
      expect(batch).toMatchObject({
        status: 'VALIDATING',
        version: 1,
        sizeBytes: '2048',
        totalRows: 0,
        decidedBy: null,
      });
      expect(await batches.findById(ds.manager, batch.id)).toEqual(batch);
    });

    it('refuses the same bytes twice, unless the first upload failed as a whole', async () => {
      const failedSha = randomBytes(32).toString('hex');
      await upload(failedSha, 'FAILED');
      const accepted = await upload(failedSha);

      await expect(upload(failedSha)).rejects.toBeInstanceOf(DuplicateBatchError);
      await expect(upload(failedSha)).rejects.toMatchObject({
        existingBatchId: accepted.id,
        code: 'DUPLICATE_BATCH',
      });
    });
  });

  describe('transition', () => {
    it('records who approved, when and why, one version up', async () => {
      const batch = await upload(randomBytes(32).toString('hex'));
      await ds.transaction((tx) =>
        batches.transition(tx, batch.id, 'AWAITING_APPROVAL', { actor: 'validator' }),
      );

      const released = await ds.transaction((tx) =>
        batches.transition(tx, batch.id, 'RELEASED', { actor: 'alice.approver', comment: 'checked totals' }),
      );

      expect(released).toMatchObject({
        status: 'RELEASED',
        version: 3,
        decidedBy: 'alice.approver',
        decisionComment: 'checked totals',
      });
      expect(released.decidedAt).toBeInstanceOf(Date);
    });

    it('refuses an illegal transition and a stale version', async () => {
      const batch = await upload(randomBytes(32).toString('hex'));

      await expect(
        ds.transaction((tx) => batches.transition(tx, batch.id, 'RELEASED', { actor: 'a' })),
      ).rejects.toThrow(IllegalTransitionError);
      await expect(
        ds.transaction((tx) =>
          batches.transition(tx, batch.id, 'AWAITING_APPROVAL', { actor: 'a', expectedVersion: 2 }),
        ),
      ).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
      expect(await batches.findById(ds.manager, batch.id)).toMatchObject({
        status: 'VALIDATING',
        version: 1,
      });
    });
  });

  describe('completeValidationIfDone', () => {
    it('flips to AWAITING_APPROVAL exactly when the last trade is decided', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 3);

      for (const id of tradeIds.slice(0, 2)) {
        const flipped = await ds.transaction(async (tx) => {
          await decide(id, tx);
          return batches.completeValidationIfDone(tx, batchId);
        });
        expect(flipped).toBeNull();
        expect(await batches.findById(ds.manager, batchId)).toMatchObject({ status: 'VALIDATING' });
      }
      const flipped = await ds.transaction(async (tx) => {
        await trades.markInvalid(tx, tradeIds[2], [], 'validator');
        return batches.completeValidationIfDone(tx, batchId);
      });

      expect(flipped).toMatchObject({ status: 'AWAITING_APPROVAL', version: 2 });
      // Idempotent: a redelivered message finds nothing left to do.
      expect(await ds.transaction((tx) => batches.completeValidationIfDone(tx, batchId))).toBeNull();
      expect(await batches.findById(ds.manager, batchId)).toMatchObject({
        status: 'AWAITING_APPROVAL',
        version: 2,
      });
    });

    it('flips once when two consumers decide the last two trades at the same time', async () => {
      const { batchId, tradeIds } = await seedBatch(ds, 2);
      const bothDecided = barrier();
      // Neither commits before both have checked, unless one is blocked waiting for the other.
      const bothChecked = barrier(2, 500);

      const results = await Promise.all(
        tradeIds.map((id) =>
          ds.transaction(async (tx) => {
            await decide(id, tx);
            await bothDecided();
            const flipped = await batches.completeValidationIfDone(tx, batchId);
            await bothChecked();
            return flipped;
          }),
        ),
      );

      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await batches.findById(ds.manager, batchId)).toMatchObject({
        status: 'AWAITING_APPROVAL',
        version: 2,
      });
    });
  });
});
