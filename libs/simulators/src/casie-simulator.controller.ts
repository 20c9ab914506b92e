import { Body, Controller, Get, Headers, HttpCode, HttpException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public, Roles } from '@contingency/auth';
import { CasieSimulator } from './casie-simulator.service';

/** The Casie HTTP API (contract v1) under /sim/casie, plus what it received for drills. */
@Controller('sim/casie')
export class CasieSimulatorController {
  constructor(private readonly casie: CasieSimulator) {}

  // Casie's own API: the adapter calls it as it would call Casie, without our credentials.
  @Post('orders')
  @Public()
  submit(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!key) throw new HttpException({ reason: 'Idempotency-Key header is required' }, 400);
    if (body.orderRef !== key)
      throw new HttpException({ reason: 'orderRef must equal the Idempotency-Key' }, 422);
    const { order, created } = this.casie.receive(key, body);
    res.status(created ? 201 : 200);
    return { casieOrderId: order.casieOrderId };
  }

  @Get('orders/:orderRef')
  @Public()
  status(@Param('orderRef') orderRef: string) {
    const order = this.casie.find(orderRef);
    if (!order) throw new HttpException({ reason: `order ${orderRef} not received` }, 404);
    return { orderRef, casieOrderId: order.casieOrderId, receivedAt: order.receivedAt };
  }

  // What the simulator received: for drills, so SRE and admins only.
  @Get('orders')
  @Roles('sre', 'admin')
  @HttpCode(200)
  list() {
    return this.casie.received();
  }
}
