import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@contingency/auth';
import { ROLES } from '@contingency/contracts';
import { ErrorBody } from '../batches/batch.schemas';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import { ApiQueryFrom } from '../trades/api-query.decorator';
import { OpenAlertsPage } from './open-alert.view';
import { OpenAlertsQuery } from './open-alerts.query';
import { OpenAlertsReader } from './open-alerts.reader';

const error = (status: number, description: string) =>
  ApiResponse({ status, description, schema: openApiSchema(ErrorBody) });

@ApiTags('trades')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: OpenAlertsReader) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'The SLA and cut-off alerts still open, most urgent first',
    description:
      'Every CUTOFF_AT_RISK whose trade is not dispatched yet and every ACK_OVERDUE whose trade is still ' +
      'DISPATCHED with no answer since (docs/contracts/alerts-v1.md). New alerts arrive on GET /events as trade.alert.',
  })
  @ApiQueryFrom(OpenAlertsQuery)
  @ApiOkResponse({ schema: openApiSchema(OpenAlertsPage) })
  @error(400, 'an unknown kind or route, or a limit out of range (INVALID_REQUEST)')
  @error(401, 'no or bad credentials')
  @error(403, 'a principal without a role')
  async list(@Query(new ZodPipe(OpenAlertsQuery)) query: OpenAlertsQuery): Promise<OpenAlertsPage> {
    const asOf = new Date().toISOString();
    return { items: await this.alerts.list(query), asOf };
  }
}
