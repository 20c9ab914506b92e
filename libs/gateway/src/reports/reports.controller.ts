import { Controller, Get, Ip, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles, type Principal } from '@contingency/auth';
import { ErrorBody } from '../batches/batch.schemas';
import { streamCsv, streamJsonArray } from '../batches/stream-response';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import { ApiQueryFrom } from '../trades/api-query.decorator';
import { HandbackQuery, handbackWindow, MAX_WINDOW_DAYS } from './handback.query';
import { handbackFileName, HandbackReport } from './handback.report';
import { HANDBACK_CSV_HEADER, handbackCsvCells, HandbackRows, type HandbackRow } from './handback.row';

const error = (status: number, description: string) =>
  ApiResponse({ status, description, schema: openApiSchema(ErrorBody) });

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly handback: HandbackReport) {}

  @Get('handback')
  @Roles('downstream', 'viewer', 'operator', 'approver', 'sre', 'admin')
  @ApiOperation({
    summary: 'The hand-back report: every trade uploaded in [from, to) with its final state and references',
    description:
      'For Mosaic to take the contingency trades back into its books (docs/contracts/handback-v1.md). ' +
      'Streamed in upload then row order; CSV by default (snake_case header, formula cells neutralised), ' +
      `or ?format=json (an array, camelCase). At most ${MAX_WINDOW_DAYS} days per download; every download is audited.`,
  })
  @ApiQueryFrom(HandbackQuery)
  @ApiProduces('text/csv', 'application/json')
  @ApiResponse({ status: 200, schema: openApiSchema(HandbackRows) })
  @error(
    400,
    'from missing or not a date/date-time with offset (INVALID_REQUEST); empty or too long window (INVALID_WINDOW)',
  )
  @error(401, 'no or bad credentials')
  @error(403, 'a role that may not read reports')
  async handbackReport(
    @Query(new ZodPipe(HandbackQuery)) query: HandbackQuery,
    @CurrentPrincipal() principal: Principal,
    @Ip() sourceIp: string,
    @Res() res: Response,
  ): Promise<void> {
    const window = handbackWindow(query, new Date());
    const pages = await this.handback.export(window, { actor: principal.id, sourceIp, format: query.format });
    if (query.format === 'json') return streamJsonArray(res, pages);
    return streamCsv<HandbackRow>(
      res,
      { fileName: handbackFileName(window), header: HANDBACK_CSV_HEADER, cells: handbackCsvCells },
      pages,
    );
  }
}
