import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@contingency/auth';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import { ApiQueryFrom } from '../trades/api-query.decorator';
import { ErrorBody } from '../batches/batch.schemas';
import { AuditQueries } from './audit.queries';
import { AuditListQuery } from './audit.query';
import { AuditPage, toAuditEntryView } from './audit.view';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: AuditQueries) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'The audit trail, newest first (keyset pages; no nextCursor on the last)',
    description: 'Who did what to which object, when, from where (IP, user agent), and the outcome.',
  })
  @ApiQueryFrom(AuditListQuery)
  @ApiOkResponse({ schema: openApiSchema(AuditPage) })
  @ApiResponse({ status: 400, description: 'a bad filter or cursor', schema: openApiSchema(ErrorBody) })
  async list(@Query(new ZodPipe(AuditListQuery)) query: AuditListQuery): Promise<AuditPage> {
    const page = await this.queries.list(query);
    return {
      items: page.items.map(toAuditEntryView),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  }
}
