import { randomUUID } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { HttpRequest, HttpResponse, NextFunction } from './http.types';
import { withLogContext } from './log-context';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// A caller-supplied id goes into every log line and back into a header: accept only a plain token.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's x-correlation-id (or makes one), echoes it, and logs the request under it. */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(req: HttpRequest, res: HttpResponse, next: NextFunction): void {
    const given = req.headers[CORRELATION_ID_HEADER];
    const correlationId = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
    req.headers[CORRELATION_ID_HEADER] = correlationId;
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    withLogContext({ correlationId }, next);
  }
}
