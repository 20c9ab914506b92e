import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AuditOriginMiddleware } from './audit-origin.middleware';
import { AuditController } from './audit.controller';
import { AuditQueries } from './audit.queries';

/**
 * GET /audit (admin), and the origin (IP, user agent) of every request in scope for the audit entries
 * it writes, whichever module writes them. Needs LedgerModule (global).
 */
@Module({ controllers: [AuditController], providers: [AuditQueries] })
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditOriginMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
