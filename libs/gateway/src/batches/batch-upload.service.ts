import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import {
  AuditLog,
  BatchLedger,
  DuplicateBatchError,
  isUniqueViolation,
  SHA256_UNIQUE_INDEX,
} from '@contingency/ledger';
import { LOGGER, SERVICE_METRICS, withLogContext, type ServiceMetrics } from '@contingency/observability';
import { readTradeFile, TradeFileError } from '@contingency/trade-file';
import { renderKnown } from '../http/api-exception.filter';
import { ApiError } from '../http/api-error';
import { BATCH_AUDIT_ACTIONS } from './batch-audit';
import { BATCHES_OPTIONS, type ResolvedBatchesOptions } from './batches.options';
import { TradeIntake, type ReceivedRow } from './trade-intake.service';
import { displayFileName } from './upload/display-file-name';
import type { IncomingFile } from './upload/multipart-upload';
import { UploadSpool } from './upload/upload-spool';
import { UploadTap } from './upload/upload-tap';
import { UploadStreamError } from './upload/upload.errors';

export interface Uploader {
  /** The principal's id: what four eyes compares. */
  principalId: string;
  sourceIp?: string;
}

export interface UploadAccepted {
  id: string;
  status: 'VALIDATING';
}

/** accepted (202), refused (a 4xx the uploader can fix), failed (our 500). */
const OUTCOMES = ['accepted', 'refused', 'failed'] as const;
// 1 kB to the 8 GiB UPLOAD_MAX_BYTES allows.
const SIZE_BUCKETS = [1e3, 1e4, 1e5, 1e6, 1e7, 5e7, 1e8, 2.5e8, 5e8, 1e9, 8 * 1024 ** 3];

/** Where one upload is: what the refusal path needs to clean up and report. */
interface UploadState {
  batchId: string;
  fileName: string;
  sha256?: string;
  spool?: UploadSpool;
  tap?: UploadTap;
}

/**
 * Streams an uploaded trade file into the ledger: the bytes go through the SHA-256, the kept copy and
 * the parser in one pass, and the rows into the ledger chunk by chunk, all in one transaction opened
 * at the first row and committed after the last. A refusal anywhere (a broken line after 100,000 good
 * rows, a client that goes away, the same bytes as an earlier batch) rolls everything back; a file
 * refused as a whole is then recorded as a FAILED batch, with no trade and no message.
 */
@Injectable()
export class BatchUpload {
  private readonly uploads: Counter<'outcome'>;
  private readonly rows: Counter;
  private readonly bytes: Histogram;

  constructor(
    @Inject(BATCHES_OPTIONS) private readonly options: ResolvedBatchesOptions,
    private readonly dataSource: DataSource,
    private readonly batches: BatchLedger,
    private readonly intake: TradeIntake,
    private readonly audit: AuditLog,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_METRICS) metrics: ServiceMetrics,
  ) {
    this.uploads = metrics.counter('uploads_total', 'Trade file uploads by outcome', ['outcome']);
    for (const outcome of OUTCOMES) this.uploads.inc({ outcome }, 0);
    this.rows = metrics.counter('upload_rows_total', 'Rows recorded from accepted uploads');
    this.bytes = metrics.histogram('upload_bytes', 'Size of accepted trade files', [], SIZE_BUCKETS);
  }

  /** `receive` yields the file part of the request (FILE_REQUIRED and the like are refusals too). */
  upload(receive: () => Promise<IncomingFile>, by: Uploader): Promise<UploadAccepted> {
    const state: UploadState = { batchId: randomUUID(), fileName: 'upload' };
    return withLogContext({ batchId: state.batchId }, async () => {
      const started = Date.now();
      try {
        const file = await receive();
        state.fileName = displayFileName(file.fileName);
        state.spool = await UploadSpool.open(this.options.dataDir, state.batchId);
        state.tap = new UploadTap(file.bytes, state.spool.write, {
          maxBytes: this.options.maxBytes,
          fileName: state.fileName,
        });
        const { accepted, rows } = await this.ingest(state, file.contentType, state.tap, state.spool, by);
        this.uploads.inc({ outcome: 'accepted' });
        this.rows.inc(rows);
        this.bytes.observe(state.tap.bytesRead);
        this.logger.info('batch uploaded', {
          context: 'batches',
          fileName: state.fileName,
          rows,
          bytes: state.tap.bytesRead,
          ms: Date.now() - started,
        });
        return accepted;
      } catch (error) {
        await state.tap?.close();
        await state.spool
          ?.discard()
          .catch((cleanup: unknown) =>
            this.logger.warn('could not remove a refused upload', { error: cleanup, context: 'batches' }),
          );
        const refusal = await this.refusalOf(error, state);
        // A client that went away did not have its file refused: nothing to show for it but the audit.
        if (refusal && !(refusal instanceof UploadStreamError))
          await this.recordRefusedBatch(state, by, refusal);
        await this.recordFailure(state, by, refusal ?? error);
        this.uploads.inc({ outcome: refusal ? 'refused' : 'failed' });
        throw refusal ?? error;
      }
    });
  }

  private async ingest(
    state: UploadState,
    contentType: string | undefined,
    tap: UploadTap,
    spool: UploadSpool,
    by: Uploader,
  ): Promise<{ accepted: UploadAccepted; rows: number }> {
    const { batchId, fileName } = state;
    const rows = readTradeFile(tap.bytes, {
      fileName,
      contentType,
      maxRows: this.options.maxRows,
      maxBytes: this.options.maxBytes,
      xlsx: this.options.xlsx,
    });
    try {
      // The header and the first row are read before the transaction opens: most refusals never hold
      // a connection.
      let next = await rows.next();
      if (next.done) throw new TradeFileError('EMPTY_FILE', `${fileName} has no trades.`);
      return await this.dataSource.transaction(async (tx) => {
        await this.batches.create(tx, {
          id: batchId,
          fileName,
          sha256: this.batches.placeholderHash(batchId),
          sizeBytes: 0,
          uploadedBy: by.principalId,
        });
        let chunk: ReceivedRow[] = [];
        let total = 0;
        while (!next.done) {
          chunk.push(next.value);
          total++;
          if (chunk.length >= this.options.chunkRows) {
            await this.intake.recordRows(tx, batchId, chunk);
            chunk = [];
          }
          next = await rows.next();
        }
        if (chunk.length > 0) await this.intake.recordRows(tx, batchId, chunk);

        const sha256 = (state.sha256 = await tap.finish());
        const existing = await this.batches.findLiveBySha256(tx, sha256);
        if (existing) throw new DuplicateBatchError(sha256, existing);
        await this.batches.recordFile(tx, batchId, { sha256, sizeBytes: tap.bytesRead, totalRows: total });
        await spool.keepAs(sha256);
        await this.audit.record(tx, {
          actor: by.principalId,
          action: BATCH_AUDIT_ACTIONS.upload,
          outcome: 'SUCCESS',
          targetType: 'batch',
          targetId: batchId,
          sourceIp: by.sourceIp,
          details: { fileName, sha256, sizeBytes: tap.bytesRead, rows: total },
        });
        return { accepted: { id: batchId, status: 'VALIDATING' as const }, rows: total };
      });
    } finally {
      await rows.return(undefined);
    }
  }

  /** The answer for a refused upload, or undefined when the failure is ours (a 500). */
  private async refusalOf(error: unknown, state: UploadState): Promise<Error | undefined> {
    if (
      error instanceof ApiError ||
      error instanceof TradeFileError ||
      error instanceof DuplicateBatchError
    ) {
      return error;
    }
    // Another upload of the same bytes committed while this one streamed.
    if (state.sha256 && isUniqueViolation(error, SHA256_UNIQUE_INDEX)) {
      const existing = await this.batches.findLiveBySha256(this.dataSource.manager, state.sha256);
      return existing
        ? new DuplicateBatchError(state.sha256, existing)
        : new ApiError(409, 'DUPLICATE_FILE', 'the same file is being uploaded right now; try again shortly');
    }
    return undefined;
  }

  /**
   * The refused file as a FAILED batch, in its own short transaction after the upload's rolled back.
   * Its hash is known only when the whole file was read. The refusal is answered whatever happens here.
   */
  private async recordRefusedBatch(state: UploadState, by: Uploader, refusal: Error): Promise<void> {
    const rendered = renderKnown(refusal);
    if (!rendered) return;
    await this.dataSource
      .transaction((tx) =>
        this.batches.create(tx, {
          id: state.batchId,
          fileName: state.fileName,
          sha256: state.sha256 ?? state.tap?.sha256 ?? null,
          sizeBytes: state.tap?.bytesRead ?? 0,
          uploadedBy: by.principalId,
          status: 'FAILED',
          failure: { code: rendered.code, message: rendered.message },
        }),
      )
      .catch((error: unknown) =>
        this.logger.error('could not record a refused upload as a FAILED batch', {
          error,
          context: 'batches',
        }),
      );
  }

  private async recordFailure(state: UploadState, by: Uploader, error: unknown): Promise<void> {
    const rendered = renderKnown(error);
    const details = {
      fileName: state.fileName,
      code: rendered?.code ?? 'INTERNAL',
      message: rendered?.message ?? (error instanceof Error ? error.message : String(error)),
      ...(error instanceof DuplicateBatchError && { existingBatchId: error.existingBatchId }),
    };
    // `message` in a log line's meta would be merged into the line's own message: name it reason there.
    const { message: reason, ...rest } = details;
    this.logger.log(rendered ? 'warn' : 'error', rendered ? 'upload refused' : 'upload failed', {
      context: 'batches',
      ...rest,
      reason,
      ...(!rendered && { error }),
    });
    await this.audit
      .record(this.dataSource.manager, {
        actor: by.principalId,
        action: BATCH_AUDIT_ACTIONS.upload,
        outcome: 'FAILED',
        targetType: 'batch',
        targetId: state.batchId,
        sourceIp: by.sourceIp,
        details,
      })
      .catch((auditError: unknown) =>
        this.logger.error('could not audit a refused upload', { error: auditError, context: 'batches' }),
      );
  }
}
