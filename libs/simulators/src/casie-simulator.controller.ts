import {
  Body,
  Controller,
  Get,
  Headers,
  HttpException,
  type OnModuleDestroy,
  Param,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { Public, Roles } from '@contingency/auth';
import { CasieOrderV1 } from '@contingency/casie';
import { type CasieBehaviour, casieMode, CasieModeRequest } from './casie-mode';
import { CasieSimulator } from './casie-simulator.service';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Casie HTTP API (contract v1) under /sim/casie, in the mode a drill set, plus what it received.
 * Casie's answers are written directly ({ casieOrderId } or { reason }): no error filter reshapes them.
 */
@Controller('sim/casie')
export class CasieSimulatorController implements OnModuleDestroy {
  private readonly held = new Set<Response>();

  constructor(private readonly casie: CasieSimulator) {}

  // Casie's own API: the adapter calls it as it would call Casie, without our credentials.
  @Post('orders')
  @Public()
  async submit(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const behaviour = this.casie.behaviour('submit');
    if (behaviour.action === 'fail') return fail(res, behaviour);
    if (behaviour.action === 'answer' && behaviour.delayMs > 0) await delay(behaviour.delayMs);

    if (!key) return refuse(res, 400, 'the Idempotency-Key header is required (the order reference)');
    const order = CasieOrderV1.safeParse(body);
    if (!order.success) return refuse(res, 422, `not a Casie order v1: ${order.error.issues[0]?.message}`);
    if (order.data.orderRef !== key) return refuse(res, 422, 'orderRef must equal the Idempotency-Key');
    // For drills and training: a way to see a Casie rejection end to end.
    if (order.data.clientRef.startsWith('REJECT')) {
      return refuse(res, 422, 'rejected by the Casie simulator (client reference starts with REJECT)');
    }

    const { order: received, created } = this.casie.receive(key, order.data);
    if (behaviour.action === 'record-then-hold') return this.hold(res, behaviour.holdMs);
    res.status(created ? 201 : 200).json({ casieOrderId: received.casieOrderId });
  }

  @Get('orders/:orderRef')
  @Public()
  async status(@Param('orderRef') orderRef: string, @Res() res: Response): Promise<void> {
    const behaviour = this.casie.behaviour('status');
    if (behaviour.action === 'fail') return fail(res, behaviour);
    if (behaviour.action === 'answer' && behaviour.delayMs > 0) await delay(behaviour.delayMs);
    const order = this.casie.find(orderRef);
    if (!order) return refuse(res, 404, `order ${orderRef} not received`);
    res.status(200).json({ orderRef, casieOrderId: order.casieOrderId, receivedAt: order.receivedAt });
  }

  // What the simulator received and how it behaves: for drills, so SRE and admins only.
  @Get('orders')
  @Roles('sre', 'admin')
  list() {
    return this.casie.received();
  }

  @Get('mode')
  @Roles('sre', 'admin')
  mode() {
    return this.casie.mode;
  }

  @Put('mode')
  @Roles('sre', 'admin')
  setMode(@Body() body: unknown) {
    const request = CasieModeRequest.safeParse(body);
    if (!request.success) {
      throw new HttpException(
        {
          code: 'INVALID_MODE',
          message: `${request.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')} (e.g. { "mode": "down" })`,
        },
        400,
      );
    }
    this.casie.setMode(casieMode(request.data));
    return this.casie.mode;
  }

  // Held answers never come: the connection is closed after holdMs, or at shutdown.
  onModuleDestroy(): void {
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }

  private hold(res: Response, holdMs: number): void {
    this.held.add(res);
    const timer = setTimeout(() => res.socket?.destroy(), holdMs);
    res.on('close', () => {
      clearTimeout(timer);
      this.held.delete(res);
    });
  }
}

function fail(res: Response, behaviour: Extract<CasieBehaviour, { action: 'fail' }>): void {
  if (behaviour.with === 'reset') {
    res.socket?.destroy();
    return;
  }
  refuse(res, 503, 'Casie is unavailable (simulator mode)');
}

function refuse(res: Response, status: number, reason: string): void {
  res.status(status).json({ reason });
}
