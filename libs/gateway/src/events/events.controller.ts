import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@contingency/auth';
import { ROLES } from '@contingency/contracts';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import { ApiQueryFrom } from '../trades/api-query.decorator';
import { EventsQuery, resumeAfter } from './events.query';
import { TradeEventStream } from './trade-event.stream';
import { TradeStatusEvent } from './trade-status.event';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly stream: TradeEventStream) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({
    summary: 'Server-sent events of trade status changes (event trade.status, id = history id), resumable',
  })
  @ApiProduces('text/event-stream')
  @ApiQueryFrom(EventsQuery)
  @ApiOkResponse({ description: "each event's data", schema: openApiSchema(TradeStatusEvent) })
  async events(
    @Query(new ZodPipe(EventsQuery)) query: EventsQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const after = resumeAfter(lastEventId, query);
    await this.stream.open(res, { after, batchId: query.batchId });
  }
}
