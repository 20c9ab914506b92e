import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
  type HttpException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Counter } from 'prom-client';
import type { Logger } from 'winston';
import type { Role } from '@contingency/contracts';
import { LOGGER, SERVICE_METRICS, type ServiceMetrics } from '@contingency/observability';
import { AUTHENTICATORS, type Authenticator } from './authenticator';
import { PRINCIPAL_KEY } from './current-principal.decorator';
import type { Principal } from './principal';
import { isPublicPath } from './public-paths';
import { routeAccess } from './route-access';

export const DENIAL_REASONS = [
  'route_has_no_roles',
  'missing_credentials',
  'invalid_credentials',
  'forbidden',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

/**
 * Deny by default: a route passes when it is @Public (or a probe/docs path that declares nothing), or
 * when an authenticated caller holds one of its @Roles. A route that declares neither is refused to
 * everyone, so a forgotten declaration fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly denials: Counter<'reason'>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATORS) private readonly authenticators: readonly Authenticator[],
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_METRICS) metrics: ServiceMetrics,
  ) {
    this.denials = metrics.counter('auth_denials_total', 'Requests refused by the auth guard', ['reason']);
    for (const reason of DENIAL_REASONS) this.denials.inc({ reason }, 0);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Only HTTP is guarded here; any other transport would have to bring its own guard.
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<Request>();
    const access = routeAccess(this.reflector, [context.getHandler(), context.getClass()]);

    switch (access.kind) {
      case 'public':
        return true;
      case 'undeclared':
        if (isPublicPath(req.path)) return true;
        throw this.deny(req, 'route_has_no_roles', {
          status: 'forbidden',
          code: 'ROUTE_HAS_NO_ROLES',
          message: `${req.method} ${req.path} declares neither @Roles nor @Public, so it is refused to everyone until it does`,
        });
      case 'roles':
        return this.authorise(context, req, access.roles);
    }
  }

  private async authorise(context: ExecutionContext, req: Request, roles: readonly Role[]): Promise<boolean> {
    const principal = await this.authenticate(req);
    if (!principal) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      const presented = this.authenticators.some((a) => a.presented(req));
      throw this.deny(req, presented ? 'invalid_credentials' : 'missing_credentials', {
        status: 'unauthorized',
        code: 'UNAUTHENTICATED',
        message: presented
          ? 'The credentials were not accepted: the API key is unknown, malformed or revoked. Send Authorization: Bearer <api key> with a valid key.'
          : 'Authentication required: send Authorization: Bearer <api key>.',
      });
    }
    (req as unknown as Record<string, unknown>)[PRINCIPAL_KEY] = principal;
    if (!principal.roles.some((role) => roles.includes(role))) {
      throw this.deny(
        req,
        'forbidden',
        {
          status: 'forbidden',
          code: 'FORBIDDEN',
          message: `This needs one of the roles ${roles.join(', ')}; you have ${principal.roles.join(', ') || 'none'}.`,
        },
        principal,
      );
    }
    return true;
  }

  private async authenticate(req: Request): Promise<Principal | null> {
    for (const authenticator of this.authenticators) {
      const principal = await authenticator.authenticate(req);
      if (principal) return principal;
    }
    return null;
  }

  private deny(
    req: Request,
    reason: DenialReason,
    { status, code, message }: { status: 'unauthorized' | 'forbidden'; code: string; message: string },
    principal?: Principal,
  ): HttpException {
    this.denials.inc({ reason });
    // Never the Authorization header or the query string: either may carry a secret.
    this.logger.log(reason === 'route_has_no_roles' ? 'error' : 'warn', `request refused: ${reason}`, {
      context: 'auth',
      reason,
      method: req.method,
      path: req.path,
      sourceIp: req.ip,
      ...(principal && { principal: principal.id, credentialId: principal.credentialId }),
    });
    const body = { code, message };
    return status === 'unauthorized' ? new UnauthorizedException(body) : new ForbiddenException(body);
  }
}
