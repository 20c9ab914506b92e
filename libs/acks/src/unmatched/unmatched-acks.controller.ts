import { Controller, Get, HttpException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentPrincipal, type Principal, Roles } from '@contingency/auth';
import { UnmatchedAcks } from './unmatched-acks.repository';
import { toUnmatchedAckView, UnmatchedAckPage, UnmatchedAckQuery } from './unmatched-ack.view';

const openApi = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
const QUERY = openApi(UnmatchedAckQuery) as { properties: Record<string, Record<string, unknown>> };

@ApiTags('acks')
@ApiBearerAuth()
@Controller('acks')
export class UnmatchedAcksController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unmatched: UnmatchedAcks,
  ) {}

  @Get('unmatched')
  @Roles('viewer', 'operator', 'sre', 'admin')
  @ApiOperation({
    summary:
      'Acknowledgments waiting for their trade (unknown order reference, or dispatch not recorded yet)',
    description: 'Oldest first, in keyset pages; each is applied automatically once its trade can take it.',
  })
  @ApiQuery({ name: 'limit', required: false, schema: QUERY.properties.limit })
  @ApiQuery({ name: 'cursor', required: false, schema: QUERY.properties.cursor })
  @ApiOkResponse({ schema: openApi(UnmatchedAckPage) })
  async list(
    @Query() raw: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal | undefined,
  ): Promise<UnmatchedAckPage> {
    // Fails closed in a process without the auth guard (nobody was authenticated), rather than open.
    if (!principal) {
      throw new HttpException(
        { code: 'FORBIDDEN', message: 'this process authenticates no caller: it must import the AuthModule' },
        403,
      );
    }
    const query = UnmatchedAckQuery.safeParse(raw);
    if (!query.success) {
      throw new HttpException({ code: 'INVALID_REQUEST', message: z.prettifyError(query.error) }, 400);
    }
    const { limit, cursor } = query.data;
    const manager = this.dataSource.manager;
    const [rows, { count }] = await Promise.all([
      this.unmatched.list(manager, { limit: limit + 1, after: cursor }),
      this.unmatched.summary(manager),
    ]);
    const items = rows.slice(0, limit).map(toUnmatchedAckView);
    const more = rows.length > limit;
    return { items, ...(more && { nextCursor: items[items.length - 1].id }), total: count };
  }
}
