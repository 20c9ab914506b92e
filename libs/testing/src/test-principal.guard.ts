import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type Principal, PRINCIPAL_KEY, PUBLIC_KEY, ROLES_KEY } from '@contingency/auth';
import { Role } from '@contingency/contracts';

export const TEST_PRINCIPAL_HEADER = 'x-test-principal';

/** The header value for a caller: `testPrincipal('ops-1', 'operator')` → 'ops-1:operator'. */
export const testPrincipal = (id: string, ...roles: Role[]): string => `${id}:${roles.join(',')}`;

/**
 * TEST ONLY, never in an app: trusts the caller to say who it is, `x-test-principal: id:role,role` (or the
 * same text as a Bearer token, for clients such as the CLI that only send one), and enforces @Roles and
 * @Public as the real guard does — an undeclared route is refused to everyone — so that role tests mean
 * something without API keys.
 */
@Injectable()
export class TestPrincipalGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed && this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    if (!allowed?.length) throw new ForbiddenException('route declares neither @Roles nor @Public');

    const req = context.switchToHttp().getRequest<Request & { [PRINCIPAL_KEY]?: Principal }>();
    const principal = parseTestPrincipal(
      req.header(TEST_PRINCIPAL_HEADER) ?? bearer(req.header('authorization')),
    );
    req[PRINCIPAL_KEY] = principal;
    if (!allowed.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenException(`${principal.id} may not do this (needs ${allowed.join(' or ')})`);
    }
    return true;
  }
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
