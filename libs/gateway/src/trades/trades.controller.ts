import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@contingency/auth';
import { ROLES } from '@contingency/contracts';
import { openApiSchema } from '../http/openapi';
import { ZodPipe } from '../http/zod-body.pipe';
import { ApiQueryFrom } from './api-query.decorator';
import { CancelTradeBody } from './cancel-trade.body';
import { ResolveTradeBody } from './resolve-trade.body';
import { TradeCancellation } from './trade-cancellation.service';
import { TradeIdPipe } from './trade-id.pipe';
import { TradeResolution } from './trade-resolution.service';
import { TradeListQuery } from './trade-list.query';
import { previewOf, TradePreview } from './trade-preview';
import { TradeQueries } from './trade.queries';
import { TradeDetailView, TradePage, TradeView, toHistoryItem, toTradeView } from './trade.view';

@ApiTags('trades')
@ApiBearerAuth()
@Controller('trades')
export class TradesController {
  constructor(
    private readonly queries: TradeQueries,
    private readonly cancellation: TradeCancellation,
    private readonly resolution: TradeResolution,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Trades, filtered, in upload order (keyset pages; no nextCursor on the last)' })
  @ApiQueryFrom(TradeListQuery)
  @ApiOkResponse({ schema: openApiSchema(TradePage) })
  async list(@Query(new ZodPipe(TradeListQuery)) query: TradeListQuery): Promise<TradePage> {
    const page = await this.queries.list(query);
    return { items: page.items.map(toTradeView), ...(page.nextCursor && { nextCursor: page.nextCursor }) };
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One trade with its full history, oldest first' })
  @ApiOkResponse({ schema: openApiSchema(TradeDetailView) })
  async detail(@Param('id', TradeIdPipe) id: string): Promise<TradeDetailView> {
    const { trade, history } = await this.queries.detail(id);
    return { ...toTradeView(trade), history: history.map(toHistoryItem) };
  }

  @Get(':id/preview')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The exact outbound document release sends for this trade' })
  @ApiOkResponse({ schema: openApiSchema(TradePreview) })
  async preview(@Param('id', TradeIdPipe) id: string): Promise<TradePreview> {
    return previewOf(await this.queries.findById(id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Cancel a RECEIVED or VALID trade (before release)' })
  @ApiBody({ schema: openApiSchema(CancelTradeBody), required: false })
  @ApiOkResponse({ schema: openApiSchema(TradeView) })
  async cancel(
    @Param('id', TradeIdPipe) id: string,
    @Body(new ZodPipe(CancelTradeBody)) body: CancelTradeBody,
    @CurrentPrincipal() principal: Principal,
    @Ip() sourceIp: string,
  ): Promise<TradeView> {
    const trade = await this.cancellation.cancel({
      tradeId: id,
      actor: principal.id,
      reason: body.reason,
      sourceIp,
    });
    return toTradeView(trade);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('approver', 'sre')
  @ApiOperation({
    summary: 'Resolve an OUTCOME_UNKNOWN trade: the destination has it (DISPATCHED) or not (sent again)',
  })
  @ApiBody({ schema: openApiSchema(ResolveTradeBody) })
  @ApiOkResponse({ schema: openApiSchema(TradeView) })
  async resolve(
    @Param('id', TradeIdPipe) id: string,
    @Body(new ZodPipe(ResolveTradeBody)) body: ResolveTradeBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TradeView> {
    return toTradeView(await this.resolution.resolve({ tradeId: id, actor: principal.id, ...body }));
  }
}
