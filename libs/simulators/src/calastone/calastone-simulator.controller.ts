import { Body, Controller, Get, HttpException, Put } from '@nestjs/common';
import { Roles } from '@contingency/auth';
import { calastoneRules, CalastoneRulesRequest } from './calastone-rules';
import { CalastoneSimulator } from './calastone-simulator.service';

/** What the Calastone simulator collected, and the rules it answers by: for drills, so SRE and admins only. */
@Controller('sim/calastone')
export class CalastoneSimulatorController {
  constructor(private readonly calastone: CalastoneSimulator) {}

  @Get('orders')
  @Roles('sre', 'admin')
  list() {
    return this.calastone.received();
  }

  @Get('rules')
  @Roles('sre', 'admin')
  rules() {
    return this.calastone.rules;
  }

  @Put('rules')
  @Roles('sre', 'admin')
  setRules(@Body() body: unknown) {
    const request = CalastoneRulesRequest.safeParse(body);
    if (!request.success) {
      throw new HttpException(
        {
          code: 'INVALID_RULES',
          message: `${request.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')} (e.g. { "rejections": [{ "fundIsin": "LU0123456789", "reasonCode": "CUTO" }] })`,
        },
        400,
      );
    }
    this.calastone.setRules(calastoneRules(request.data));
    return this.calastone.rules;
  }
}
