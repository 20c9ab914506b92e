import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { withAuditOrigin } from '@contingency/ledger';

/** Puts the caller's IP and user agent in scope, so every audit entry of the request says from where. */
@Injectable()
export class AuditOriginMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    withAuditOrigin({ sourceIp: req.ip, userAgent: req.get('user-agent') }, next);
  }
}
