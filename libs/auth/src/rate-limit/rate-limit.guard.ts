import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Optional,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Counter } from 'prom-client';
import { SERVICE_METRICS, type ServiceMetrics } from '@contingency/observability';
import { PRINCIPAL_KEY } from '../current-principal.decorator';
import type { Principal } from '../principal';
import { RATE_LIMIT_KEY, type RateLimitOptions } from './rate-limit.options';
import { RATE_LIMITER } from './rate-limit.module';
import type { InMemoryRateLimiter } from './rate-limiter';

/**
 * Counts the route's requests per IP or per principal and refuses the excess with 429. Runs after the
 * global auth guard, so a principal is known; a caller without one is counted by IP. Without
 * RateLimitModule in the app (feature tests) there is no limiter and every request passes.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly refusals?: Counter<'route'>;

  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(RATE_LIMITER) private readonly limiter?: InMemoryRateLimiter,
    @Optional() @Inject(SERVICE_METRICS) metrics?: ServiceMetrics,
  ) {
    this.refusals = metrics?.counter('rate_limited_total', 'Requests refused by a rate limit', ['route']);
  }

  canActivate(context: ExecutionContext): boolean {
    const options = this.reflector.get<RateLimitOptions | undefined>(RATE_LIMIT_KEY, context.getHandler());
    if (!options || !this.limiter || context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { [PRINCIPAL_KEY]?: Principal }>();
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    const principal = options.key === 'principal' ? req[PRINCIPAL_KEY]?.id : undefined;
    const who = principal ? `principal:${principal}` : `ip:${req.ip ?? 'unknown'}`;

    const { allowed, retryAfterSeconds } = this.limiter.take(
      `${route}|${who}`,
      options.limit,
      options.windowSeconds,
    );
    if (allowed) return true;
    this.refusals?.inc({ route });
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new HttpException(
      {
        code: 'RATE_LIMITED',
        message: `Too many requests: at most ${options.limit} every ${options.windowSeconds} s ${principal ? 'per user' : 'per address'}; try again in ${retryAfterSeconds} s.`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
