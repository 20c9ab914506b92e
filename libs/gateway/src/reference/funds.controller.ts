import { Controller, Get, HttpCode, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@contingency/auth';
import { ROLES } from '@contingency/contracts';
import { openApiSchema } from '../http/openapi';
import { readCsvBody } from './csv-body';
import { FundMasterService } from './fund-master.service';
import { FundList, FundsReplaced, InvalidFundMasterBody, type FundView } from './fund.view';

// A fund master is a few thousand lines; anything near this is the wrong file.
export const FUND_MASTER_MAX_BYTES = 10 * 1024 * 1024;

const SAMPLE =
  'isin,name,provider,currency,cutoff_time,timezone,primary_route,alternate_route,status\n' +
  'LU1294538506,Aurelian Euro Short Duration Fund,NON_GS,EUR,12:00,Europe/Luxembourg,CASIE,CALASTONE,OPEN\n';

const ERROR = openApiSchema(z.object({ error: z.object({ code: z.string(), message: z.string() }) }));

@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference/funds')
export class FundsController {
  constructor(private readonly funds: FundMasterService) {}

  @Put()
  @HttpCode(200)
  @Roles('admin')
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'The whole fund master (fund master CSV, UTF-8): it replaces the current one atomically.',
    schema: { type: 'string', example: SAMPLE },
  })
  @ApiResponse({ status: 200, description: 'Replaced', schema: openApiSchema(FundsReplaced) })
  @ApiResponse({ status: 403, description: 'Not an admin', schema: ERROR })
  @ApiResponse({ status: 413, description: 'More than 10 MB (TOO_LARGE)', schema: ERROR })
  @ApiResponse({ status: 415, description: 'Not sent as text/csv (UTF-8)', schema: ERROR })
  @ApiResponse({
    status: 422,
    description:
      'Invalid rows (INVALID_FUND_MASTER, every row error, nothing changed), or a file that cannot be read ' +
      '(BAD_ENCODING, EMPTY_FILE, MISSING_COLUMNS, UNKNOWN_COLUMNS, DUPLICATE_COLUMNS, MALFORMED_CSV)',
    schema: openApiSchema(InvalidFundMasterBody),
  })
  async replace(@Req() req: Request, @CurrentPrincipal() principal: Principal): Promise<{ count: number }> {
    const csv = await readCsvBody(req, FUND_MASTER_MAX_BYTES);
    return { count: await this.funds.replace(csv, { actor: principal.id, sourceIp: req.ip }) };
  }

  @Get()
  @Roles(...ROLES)
  @ApiResponse({ status: 200, schema: openApiSchema(FundList) })
  async list(): Promise<{ items: FundView[] }> {
    return { items: await this.funds.list() };
  }
}
