import { Controller, HttpCode, HttpException, Ip, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@contingency/auth';
import { Route, TradeStatus } from '@contingency/contracts';
import { NotReplayableError, OrderReplay } from './order-replay.service';

export const ReplayedTrade = z.object({
  id: z.uuid(),
  status: TradeStatus,
  route: Route.nullable(),
  orderRef: z.string().nullable(),
  version: z.number().int(),
});
export type ReplayedTrade = z.infer<typeof ReplayedTrade>;

const TradeId = z.uuid();
const openApiSchema = z.toJSONSchema(ReplayedTrade, { target: 'openapi-3.0' }) as Record<string, unknown>;

@ApiTags('trades')
@ApiBearerAuth()
@Controller('trades')
export class OrderReplayController {
  constructor(private readonly replays: OrderReplay) {}

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('approver', 'sre')
  @ApiOperation({ summary: 'Send a DEAD_LETTERED order again on its route (back to RELEASED)' })
  @ApiOkResponse({ schema: openApiSchema })
  async replay(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Ip() sourceIp: string,
  ): Promise<ReplayedTrade> {
    if (!TradeId.safeParse(id).success) {
      throw new HttpException(
        { code: 'INVALID_TRADE_ID', message: `'${id.slice(0, 60)}' is not a trade id: trade ids are UUIDs` },
        400,
      );
    }
    try {
      const trade = await this.replays.replay({ tradeId: id.toLowerCase(), actor: principal.id, sourceIp });
      return {
        id: trade.id,
        status: trade.status,
        route: trade.route,
        orderRef: trade.orderRef,
        version: trade.version,
      };
    } catch (error) {
      if (error instanceof NotReplayableError) {
        throw new HttpException({ code: error.code, message: error.message }, 409);
      }
      throw error;
    }
  }
}
