import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, RateLimit, Roles, type Principal } from '@contingency/auth';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import { ApiQueryFrom } from '../trades/api-query.decorator';
import { BatchApproval } from './batch-approval.service';
import { BatchIdPipe } from './batch-id.pipe';
import { BatchReader } from './batch-reader.service';
import {
  BatchListQuery,
  BatchPage,
  BatchView,
  DecisionBody,
  ErrorBody,
  ErrorsQuery,
  RowErrorList,
  UploadAcceptedView,
  UploadForm,
  type RowErrorView,
} from './batch.schemas';
import { BatchUpload, type UploadAccepted } from './batch-upload.service';
import { BATCHES_OPTIONS, type ResolvedBatchesOptions } from './batches.options';
import { streamCsv, streamJsonArray } from './stream-response';
import { MultipartUpload } from './upload/multipart-upload';

// Who may read batches: everyone with a role, as for trades.
const READERS = ['operator', 'approver', 'viewer', 'sre', 'admin', 'downstream'] as const;

// Far above what a person uploads; a runaway script is stopped before it floods validation.
export const UPLOAD_RATE_LIMIT = { key: 'principal', limit: 30, windowSeconds: 60 } as const;

const error = (status: number, description: string) =>
  ApiResponse({ status, description, schema: openApiSchema(ErrorBody) });

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly uploads: BatchUpload,
    private readonly approval: BatchApproval,
    private readonly reader: BatchReader,
    @Inject(BATCHES_OPTIONS) private readonly options: ResolvedBatchesOptions,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('operator')
  @RateLimit(UPLOAD_RATE_LIMIT)
  @ApiOperation({
    summary: 'Upload a trade file',
    description:
      'Streams the file (multipart field "file", CSV or XLSX) into the ledger; answers once every row is recorded, ' +
      'or refuses the whole file, which is then listed as a FAILED batch with the refusal (an upload cut short is not).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: openApiSchema(UploadForm) })
  @ApiResponse({
    status: 202,
    description: 'recorded; validation follows',
    schema: openApiSchema(UploadAcceptedView),
  })
  @error(400, 'no file field (FILE_REQUIRED), a broken multipart body, or an upload cut short')
  @error(409, 'the same bytes were already uploaded (DUPLICATE_FILE, details.existingBatchId)')
  @error(413, 'more bytes or rows than allowed (TOO_LARGE)')
  @error(415, 'not CSV or XLSX, or not multipart/form-data')
  @error(422, 'bad encoding, missing/unknown/duplicate columns, empty, malformed CSV or XLSX')
  @error(429, `over ${UPLOAD_RATE_LIMIT.limit} uploads a minute by one user (RATE_LIMITED, Retry-After)`)
  upload(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UploadAccepted> {
    return MultipartUpload.handle(req, { field: 'file', maxBytes: this.options.maxBytes }, async (file) => {
      const accepted = await this.uploads.upload(file, { principalId: principal.id, sourceIp: req.ip });
      res.location(`${req.baseUrl}${req.path.replace(/\/$/, '')}/${accepted.id}`);
      return accepted;
    });
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Batches, newest first (keyset pages; no nextCursor on the last)',
    description:
      'Each item is the batch as GET /batches/{id} shows it, FAILED batches (files refused as a whole) included.',
  })
  @ApiQueryFrom(BatchListQuery)
  @ApiResponse({ status: 200, schema: openApiSchema(BatchPage) })
  @error(400, 'a bad filter or cursor (INVALID_REQUEST, INVALID_CURSOR)')
  list(@Query(new ZodPipe(BatchListQuery)) query: BatchListQuery): Promise<BatchPage> {
    return this.reader.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A batch, its status and its trades counted by status' })
  @ApiResponse({ status: 200, schema: openApiSchema(BatchView) })
  @error(404, 'no such batch')
  view(@Param('id', BatchIdPipe) id: string): Promise<BatchView> {
    return this.reader.view(id);
  }

  @Get(':id/errors')
  @Roles(...READERS)
  @ApiOperation({ summary: "The batch's row errors in row order; ?format=csv for a download" })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, schema: openApiSchema(ErrorsQuery.shape.format) })
  @ApiResponse({ status: 200, schema: openApiSchema(RowErrorList) })
  @error(404, 'no such batch')
  async errors(
    @Param('id', BatchIdPipe) id: string,
    @Query(new ZodPipe(ErrorsQuery)) query: ErrorsQuery,
    @Res() res: Response,
  ): Promise<void> {
    const pages = await this.reader.rowErrors(id);
    if (query.format === 'json') return streamJsonArray(res, pages);
    return streamCsv<RowErrorView>(
      res,
      {
        fileName: `batch-${id}-errors.csv`,
        header: ['row', 'column', 'code', 'message'],
        cells: (e) => [String(e.row), e.column, e.code, e.message],
      },
      pages,
    );
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approve (four eyes): release every valid trade and send its order' })
  @ApiBody({ schema: openApiSchema(DecisionBody), required: false })
  @ApiResponse({ status: 200, schema: openApiSchema(BatchView) })
  @error(403, 'the uploader cannot approve their own batch (FOUR_EYES)')
  @error(404, 'no such batch')
  @error(409, 'the batch is not AWAITING_APPROVAL (details.status)')
  async approve(
    @Param('id', BatchIdPipe) id: string,
    @Body(new ZodPipe(DecisionBody.optional())) body: DecisionBody | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BatchView> {
    await this.approval.approve(id, principal.id, body?.comment);
    return this.reader.view(id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Reject (four eyes): cancel every valid trade; nothing is sent' })
  @ApiBody({ schema: openApiSchema(DecisionBody), required: false })
  @ApiResponse({ status: 200, schema: openApiSchema(BatchView) })
  @error(403, 'the uploader cannot reject their own batch (FOUR_EYES)')
  @error(404, 'no such batch')
  @error(409, 'the batch is not AWAITING_APPROVAL (details.status)')
  async reject(
    @Param('id', BatchIdPipe) id: string,
    @Body(new ZodPipe(DecisionBody.optional())) body: DecisionBody | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BatchView> {
    await this.approval.reject(id, principal.id, body?.comment);
    return this.reader.view(id);
  }
}
