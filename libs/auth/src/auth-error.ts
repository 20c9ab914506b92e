import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  ForbiddenException,
  HttpException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Response } from 'express';

/** A refusal with our `{ error: { code, message } }` body: 401 (who are you?) or 403 (not this). */
export function authError(status: 401 | 403, code: string, message: string): HttpException {
  return status === 401
    ? new UnauthorizedException({ code, message })
    : new ForbiddenException({ code, message });
}

/**
 * The sign-in routes answer `{ error: { code, message } }` on their own, whatever filter the app has:
 * an HttpException keeps its status and code; anything else (a SAML library throwing on a bad message)
 * is never a 500 here but a 401, because every input of these routes comes from the browser.
 */
@Catch()
export class AuthErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof HttpException) {
      const body = exception.getResponse() as { code?: unknown; message?: unknown } | string;
      const code = typeof body === 'object' && typeof body.code === 'string' ? body.code : 'BAD_REQUEST';
      const message =
        typeof body === 'object' && typeof body.message === 'string' ? body.message : exception.message;
      response.status(exception.getStatus()).json({ error: { code, message } });
      return;
    }
    response.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign-in failed.' } });
  }
}
