import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Role } from '@contingency/contracts';
import { PRINCIPAL_KEY, PUBLIC_KEY, ROLES_KEY, type Principal } from '@contingency/auth';

export const TEST_PRINCIPAL_HEADER = 'x-test-principal';

/** The header value for a caller: `testPrincipal('ops-1', 'operator')` → 'ops-1:operator'. */
export const testPrincipal = (id: string, ...roles: Role[]): string => `${id}:${roles.join(',')}`;

/**
 * FOR TESTS ONLY: trusts `x-test-principal: <id>:<role>,<role>` as the caller, and enforces @Roles the
 * way the real guard does (no header 401, a role that may not 403, a route with neither @Roles nor
 * @Public refused), so role tests mean something without API keys.
 */
@Injectable()
export class TestPrincipalGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    const req = context.switchToHttp().getRequest<Request>();
    const principal = parsePrincipal(req.headers[TEST_PRINCIPAL_HEADER]);
    if (!principal)
      throw new UnauthorizedException({ message: `send ${TEST_PRINCIPAL_HEADER}: id:role,role` });
    (req as unknown as Record<string, unknown>)[PRINCIPAL_KEY] = principal;
    if (!principal.roles.some((role) => roles.includes(role))) {
      throw new ForbiddenException({
        message: `This needs one of the roles ${roles.join(', ') || '(none declared)'}; you have ${principal.roles.join(', ')}.`,
      });
    }
    return true;
  }
}

function parsePrincipal(header: string | string[] | undefined): Principal | null {
  if (typeof header !== 'string') return null;
  const [id, roleList = ''] = header.split(':');
  if (!id) return null;
  const roles = roleList
    .split(',')
    .filter((r) => r !== '')
    .map((r) => Role.parse(r));
  return { id, displayName: id, kind: 'api-key', roles };
}
