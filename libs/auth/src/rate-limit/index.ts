export { RateLimit } from './rate-limit.decorator';
export { RATE_LIMIT_KEY, type RateLimitOptions } from './rate-limit.options';
export { RateLimitGuard } from './rate-limit.guard';
export { RATE_LIMITER, RateLimitModule } from './rate-limit.module';
export { InMemoryRateLimiter, type RateLimitDecision } from './rate-limiter';
