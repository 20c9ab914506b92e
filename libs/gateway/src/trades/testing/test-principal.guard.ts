import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PRINCIPAL_KEY, PUBLIC_KEY, ROLES_KEY, type Principal } from '@contingency/auth';
import { Role } from '@contingency/contracts';

export const TEST_PRINCIPAL_HEADER = 'x-test-principal';

/** `x-test-principal: olivia:operator,viewer` */
export const testPrincipal = (id: string, ...roles: Role[]): string => `${id}:${roles.join(',')}`;

/**
 * TEST ONLY (never in an app module): the principal comes from a header instead of a credential, and
 * @Roles/@Public are honoured as the real guard does, an undeclared route refused to everyone.
 */
@Injectable()
export class TestPrincipalGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles && this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    if (!roles?.length) throw new ForbiddenException('route declares neither @Roles nor @Public');

    const req = context.switchToHttp().getRequest<Request>();
    const principal = parse(req.header(TEST_PRINCIPAL_HEADER));
    if (!principal) throw new UnauthorizedException(`send ${TEST_PRINCIPAL_HEADER}: id:role,role`);
    (req as unknown as Record<string, unknown>)[PRINCIPAL_KEY] = principal;
    if (!principal.roles.some((r) => roles.includes(r))) {
      throw new ForbiddenException(`needs one of ${roles.join(', ')}`);
    }
    return true;
  }
}

function parse(header: string | undefined): Principal | null {
  const match = header ? /^([^:]+):(.*)$/.exec(header) : null;
  if (!match) return null;
  const roles = match[2]
    .split(',')
    .map((r) => Role.safeParse(r.trim()))
    .flatMap((r) => (r.success ? [r.data] : []));
  return { id: match[1], displayName: match[1], kind: 'user', roles };
}
