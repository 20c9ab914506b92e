import { SetMetadata } from '@nestjs/common';
import type { Role } from '@contingency/contracts';

export const ROLES_KEY = 'contingency:roles';
export const PUBLIC_KEY = 'contingency:public';

/** The roles that may call this route (any of them). Routes without @Roles or @Public are refused. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call (health, metrics, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
