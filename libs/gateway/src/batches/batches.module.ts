import { Module, type DynamicModule } from '@nestjs/common';
import { BatchApproval } from './batch-approval.service';
import { BatchReader } from './batch-reader.service';
import { BatchUpload } from './batch-upload.service';
import { BATCHES_OPTIONS, resolveBatchesOptions, type BatchesOptions } from './batches.options';
import { BatchesController } from './batches.controller';
import { TradeIntake } from './trade-intake.service';

/**
 * Upload, batches and four-eyes approval under /batches. Needs the ledger (LedgerModule) and
 * observability (ObservabilityModule), both global; `dataDir` is where raw uploads are kept.
 */
@Module({})
export class BatchesModule {
  static forRoot(options: BatchesOptions): DynamicModule {
    return {
      module: BatchesModule,
      controllers: [BatchesController],
      providers: [
        { provide: BATCHES_OPTIONS, useValue: resolveBatchesOptions(options) },
        BatchApproval,
        BatchReader,
        BatchUpload,
        TradeIntake,
      ],
      exports: [BatchApproval, BatchReader, BatchUpload, TradeIntake],
    };
  }
}
