import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'winston';
import { Topics } from '@contingency/contracts';
import {
  AuditLog,
  type BatchEntity,
  BatchLedger,
  type BatchTrade,
  orderFromTrade,
  orderRefFor,
  OutboxWriter,
  TradeLedger,
} from '@contingency/ledger';
import { LOGGER, withLogContext } from '@contingency/observability';
import { ApiError } from '../http/api-error';
import { BATCH_AUDIT_ACTIONS } from './batch-audit';
import { BatchNotAwaitingApprovalError, SelfApprovalError } from './batch.errors';

type Decision = 'approve' | 'reject';

/**
 * Four eyes: a batch leaves only when someone other than its uploader approves it. Approval releases
 * every VALID trade with its order reference and emits its order on its route's topic; rejection
 * cancels them. Either way in one transaction, audited.
 */
@Injectable()
export class BatchApproval {
  constructor(
    private readonly dataSource: DataSource,
    private readonly batches: BatchLedger,
    private readonly trades: TradeLedger,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditLog,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async approve(batchId: string, approver: string, comment?: string): Promise<void> {
    await this.decide(batchId, approver, 'approve', async (tx) => {
      await this.batches.transition(tx, batchId, 'RELEASED', { actor: approver, comment });
      const released = await this.trades.moveBatch(
        tx,
        batchId,
        { from: 'VALID', to: 'RELEASED', actor: approver, orderRef: orderRefFor },
        (trades) => this.emitOrders(tx, trades).then(() => undefined),
      );
      // Nothing left to send (every row invalid): the batch is finished as soon as it is approved.
      if (released === 0) await this.batches.transition(tx, batchId, 'COMPLETED', { actor: approver });
      return { released };
    });
  }

  async reject(batchId: string, rejecter: string, comment?: string): Promise<void> {
    await this.decide(batchId, rejecter, 'reject', async (tx) => {
      await this.batches.transition(tx, batchId, 'REJECTED', { actor: rejecter, comment });
      const cancelled = await this.trades.moveBatch(tx, batchId, {
        from: 'VALID',
        to: 'CANCELLED',
        actor: rejecter,
        reason: comment ? `batch rejected: ${comment}` : 'batch rejected',
      });
      return { cancelled };
    });
  }

  private decide(
    batchId: string,
    actor: string,
    decision: Decision,
    apply: (tx: EntityManager) => Promise<Record<string, number>>,
  ): Promise<void> {
    const action = BATCH_AUDIT_ACTIONS[decision];
    return withLogContext({ batchId }, async () => {
      try {
        const outcome = await this.dataSource.transaction(async (tx) => {
          const batch = await this.batches.findById(tx, batchId);
          assertDecidable(batch, actor, decision);
          const counts = await apply(tx);
          await this.audit.record(tx, {
            actor,
            action,
            outcome: 'SUCCESS',
            targetType: 'batch',
            targetId: batchId,
            details: counts,
          });
          return counts;
        });
        this.logger.info(`batch ${decision === 'approve' ? 'approved' : 'rejected'}`, {
          context: 'batches',
          actor,
          ...outcome,
        });
      } catch (error) {
        if (error instanceof ApiError) await this.recordRefusal(batchId, actor, action, error);
        throw error;
      }
    });
  }

  private async recordRefusal(
    batchId: string,
    actor: string,
    action: string,
    error: ApiError,
  ): Promise<void> {
    await this.audit
      .record(this.dataSource.manager, {
        actor,
        action,
        outcome: error.status === 403 ? 'DENIED' : 'FAILED',
        targetType: 'batch',
        targetId: batchId,
        details: { code: error.code, message: error.message },
      })
      .catch((auditError: unknown) =>
        this.logger.error('could not audit a refused batch decision', {
          error: auditError,
          context: 'batches',
        }),
      );
  }

  private emitOrders(tx: EntityManager, trades: readonly BatchTrade[]): Promise<string[]> {
    return this.outbox.enqueue(
      tx,
      trades.map((t) => ({
        topic: t.route === 'CALASTONE' ? Topics.ordersCalastone : Topics.ordersCasie,
        key: t.accountId,
        payload: orderFromTrade(t, 'primary route'),
      })),
    );
  }
}

function assertDecidable(batch: BatchEntity, actor: string, decision: Decision): void {
  if (batch.uploadedBy === actor) throw new SelfApprovalError(batch.id, decision);
  if (batch.status !== 'AWAITING_APPROVAL') {
    throw new BatchNotAwaitingApprovalError(batch.id, batch.status, decision);
  }
}
