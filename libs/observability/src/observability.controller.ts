import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HealthRegistry, type HealthReport } from './health.registry';
import { MetricsRegistry } from './metrics.registry';

/** The probes and the scrape endpoint every service serves, outside the API prefix. */
@Controller()
export class ObservabilityController {
  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get('healthz')
  async healthz(@Res() res: unknown): Promise<void> {
    this.replyWith(res, await this.health.liveness());
  }

  @Get('readyz')
  async readyz(@Res() res: unknown): Promise<void> {
    this.replyWith(res, await this.health.readiness());
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.metrics();
  }

  // Written here rather than thrown: an app's exception filter must not reshape a probe's answer.
  private replyWith(res: unknown, report: HealthReport): void {
    const status = report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
    this.adapterHost.httpAdapter.reply(res, report, status);
  }
}
