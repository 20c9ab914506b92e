import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { HttpRequest, HttpResponse, NextFunction } from './http.types';
import { OBSERVABILITY_ROUTES, SERVICE_METRICS } from './observability.tokens';
import type { ServiceMetrics } from './service.metrics';

export const UNMATCHED_ROUTE = 'unmatched';
const NEST_NOT_FOUND_ROUTE = '*path';

// Scrapes and probes every few seconds would drown the service's own traffic in the RED panels.
const PROBE_PATHS = new Set(OBSERVABILITY_ROUTES.map((route) => `/${route}`));

/**
 * Counts and times every request by route template. A middleware rather than an interceptor: it also
 * sees 404s and requests that guards or pipes turn away.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics) {}

  use(req: HttpRequest, res: HttpResponse, next: NextFunction): void {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = (): void => {
      if (recorded) return;
      recorded = true;
      const route = routeTemplate(req);
      if (PROBE_PATHS.has(route)) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observeHttp({ method: req.method ?? 'GET', route, statusCode: res.statusCode, seconds });
    };
    // 'close' alone covers a client that went away before the response was finished.
    res.once('finish', record);
    res.once('close', record);
    next();
  }
}

/** The matched route's template, joined with the router's mount path; never the raw URL. */
export function routeTemplate(req: HttpRequest): string {
  const path = req.route?.path;
  // Nest answers 404s under a global prefix from a router of its own, mounted there as `*path`; the
  // routes of controllers always start with a slash.
  if (typeof path !== 'string' || path === NEST_NOT_FOUND_ROUTE) return UNMATCHED_ROUTE;
  const joined = `${req.baseUrl ?? ''}${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
