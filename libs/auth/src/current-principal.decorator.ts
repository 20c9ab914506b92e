import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

export const PRINCIPAL_KEY = 'principal';

/** The authenticated caller, set on the request by the auth guard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<Record<string, Principal>>()[PRINCIPAL_KEY],
);
