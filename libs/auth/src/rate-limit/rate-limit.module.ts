import { type DynamicModule, Module } from '@nestjs/common';
import { InMemoryRateLimiter } from './rate-limiter';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

/** Switches @RateLimit on for the whole app (one in-memory limiter per process). */
@Module({})
export class RateLimitModule {
  static forRoot(): DynamicModule {
    return {
      module: RateLimitModule,
      global: true,
      providers: [{ provide: RATE_LIMITER, useFactory: () => new InMemoryRateLimiter() }],
      exports: [RATE_LIMITER],
    };
  }
}
