import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PRINCIPAL_KEY, PUBLIC_KEY, ROLES_KEY, type Principal } from '@contingency/auth';
import { Role } from '@contingency/contracts';

export const TEST_PRINCIPAL_HEADER = 'x-test-principal';

/**
 * TEST ONLY, never in an app: trusts the caller to say who it is, `x-test-principal: id:role,role`
 * (or the same text as a Bearer token, for clients such as the CLI that only send one), and enforces
 * @Roles / @Public like the real guard.
 */
@Injectable()
export class TestPrincipalGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { [PRINCIPAL_KEY]?: Principal }>();
    const principal = parseTestPrincipal(
      req.header(TEST_PRINCIPAL_HEADER) ?? bearer(req.header('authorization')),
    );
    req[PRINCIPAL_KEY] = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenException(
        `${principal.id} may not do this (needs ${allowed.join(' or ') || 'a route role'})`,
      );
    }
    return true;
  }
}

export function testPrincipal(id: string, ...roles: Role[]): string {
  return `${id}:${roles.join(',')}`;
}

function parseTestPrincipal(spec: string | undefined): Principal {
  const match = spec === undefined ? null : /^([^:\s]+):([a-z,]*)$/.exec(spec.trim());
  const roles = match?.[2].split(',').filter(Boolean) ?? [];
  if (!match || !roles.every((r) => Role.safeParse(r).success)) {
    throw new UnauthorizedException(
      `send ${TEST_PRINCIPAL_HEADER}: id:role,role (roles from ${Role.options.join(', ')})`,
    );
  }
  return { id: match[1], displayName: match[1], kind: 'api-key', roles: roles as Role[] };
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}
