import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TradeStatus } from '@contingency/contracts';
import { AuditLog, BatchLedger, TradeLedger, type TradeEntity } from '@contingency/ledger';
import { ApiError } from '../http/api-error';

export interface CancelRequest {
  tradeId: string;
  actor: string;
  reason?: string;
  sourceIp?: string;
}

// Only before release: a released order may already be on its way to the destination.
const CANCELLABLE: readonly TradeStatus[] = ['RECEIVED', 'VALID'];

/** An operator or approver withdraws a trade before it leaves; audited either way. */
@Injectable()
export class TradeCancellation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trades: TradeLedger,
    private readonly batches: BatchLedger,
    private readonly audit: AuditLog,
  ) {}

  async cancel(request: CancelRequest): Promise<TradeEntity> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const trade = await this.trades.findById(tx, request.tradeId);
        if (!CANCELLABLE.includes(trade.status)) throw refusal(trade);
        // The version read above: a release racing this cancel makes one of the two fail, never both win.
        const cancelled = await this.trades.transition(tx, trade.id, 'CANCELLED', {
          actor: request.actor,
          reason: request.reason,
          expectedVersion: trade.version,
        });
        // A cancelled RECEIVED trade may have been the last one the batch's validation waited for.
        if (trade.status === 'RECEIVED') await this.batches.completeValidationIfDone(tx, trade.batchId);
        await this.audit.record(tx, {
          ...this.entry(request),
          outcome: 'SUCCESS',
          details: { from: trade.status, batchId: trade.batchId, reason: request.reason ?? null },
        });
        return cancelled;
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        await this.audit.record(this.dataSource.manager, {
          ...this.entry(request),
          outcome: 'DENIED',
          details: { code: error.code, message: error.message },
        });
      }
      throw error;
    }
  }

  private entry(request: CancelRequest) {
    return {
      actor: request.actor,
      action: 'trade.cancel',
      targetType: 'trade',
      targetId: request.tradeId,
      sourceIp: request.sourceIp,
    };
  }
}

function refusal(trade: TradeEntity): ApiError {
  return new ApiError(409, 'NOT_CANCELLABLE', refusalMessage(trade), { status: trade.status });
}

function refusalMessage({ id, status }: TradeEntity): string {
  switch (status) {
    case 'RELEASED':
    case 'DISPATCHED':
    case 'ACKNOWLEDGED':
    case 'CONFIRMED':
    case 'NACKED':
    case 'OUTCOME_UNKNOWN':
    case 'DEAD_LETTERED':
      return `already released: cancel is no longer possible, ask SRE (trade ${id} is ${status}; its order may already be on its way)`;
    case 'INVALID':
      return `trade ${id} is INVALID: it will never be sent, so there is nothing to cancel`;
    case 'CANCELLED':
      return `trade ${id} is already CANCELLED`;
    case 'RECEIVED':
    case 'VALID':
      return `trade ${id} is ${status}`; // cancellable: not a refusal
  }
}
