import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_KEY, type RateLimitOptions } from './rate-limit.options';

/**
 * At most `limit` requests per `windowSeconds` for this route, per IP or per principal; more get 429
 * RATE_LIMITED with Retry-After. Active where RateLimitModule is imported (the upload gateway).
 */
export const RateLimit = (options: RateLimitOptions) => {
  if (!(options.limit >= 1 && options.windowSeconds >= 1)) {
    throw new Error(`@RateLimit needs limit and windowSeconds of at least 1, not ${JSON.stringify(options)}`);
  }
  return applyDecorators(SetMetadata(RATE_LIMIT_KEY, options), UseGuards(RateLimitGuard));
};
