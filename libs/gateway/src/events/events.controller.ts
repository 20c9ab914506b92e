import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@contingency/auth';
import { ROLES } from '@contingency/contracts';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import { ApiQueryFrom } from '../trades/api-query.decorator';
import { EventsQuery, resumeAfter } from './events.query';
import { TradeFeedEvent } from './trade-alert.event';
import { TradeEventStream } from './trade-event.stream';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly stream: TradeEventStream) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Server-sent events of trade status changes and alerts, resumable',
    description:
      'Two event types in one sequence of ids (the trade_history id), so that Last-Event-ID (or ?after=) ' +
      'resumes both: `trade.status`, a status change; `trade.alert`, a trade that needs attention, ' +
      'with `kind` ACK_OVERDUE (dispatched, no ACK within ACK_SLA_MINUTES) or CUTOFF_AT_RISK (not yet ' +
      "dispatched CUTOFF_WARNING_MINUTES before its fund's cut-off, or later). ?batchId= filters both.",
  })
  @ApiProduces('text/event-stream')
  @ApiQueryFrom(EventsQuery)
  @ApiOkResponse({
    description: "each event's data: a trade.status or a trade.alert",
    schema: openApiSchema(TradeFeedEvent),
  })
  async events(
    @Query(new ZodPipe(EventsQuery)) query: EventsQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const after = resumeAfter(lastEventId, query);
    await this.stream.open(res, { after, batchId: query.batchId });
  }
}
