import type { Reflector } from '@nestjs/core';
import type { Role } from '@contingency/contracts';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export type RouteAccess =
  { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] } | { kind: 'undeclared' };

/** A route handler or its controller class. */
export type AccessTarget = Parameters<Reflector['get']>[1];

/**
 * What a route declares: the handler's own declaration wins over its controller's. A target that
 * carries both @Roles and @Public is judged by its roles, so a contradiction fails closed; so does an
 * empty @Roles(), which lets nobody in.
 */
export function routeAccess(reflector: Reflector, targets: readonly AccessTarget[]): RouteAccess {
  for (const target of targets) {
    const roles = reflector.get<Role[] | undefined>(ROLES_KEY, target);
    if (roles !== undefined) return roles.length > 0 ? { kind: 'roles', roles } : { kind: 'undeclared' };
    if (reflector.get<boolean | undefined>(PUBLIC_KEY, target) === true) return { kind: 'public' };
  }
  return { kind: 'undeclared' };
}
