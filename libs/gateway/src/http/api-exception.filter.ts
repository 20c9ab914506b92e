import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'winston';
import { z } from 'zod';
import {
  ConcurrentUpdateError,
  DuplicateBatchError,
  IllegalTransitionError,
  NotFoundError,
} from '@contingency/ledger';
import { currentLogContext, LOGGER } from '@contingency/observability';
import { TradeFileError } from '@contingency/trade-file';
import { ApiError } from './api-error';

interface Rendered {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Known errors become `{ error: { code, message } }` with their status; anything else a logged 500. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const rendered = renderKnown(exception);
    if (rendered) {
      if (!response.headersSent) {
        response.status(rendered.status).json({
          error: {
            code: rendered.code,
            message: rendered.message,
            ...(rendered.details && { details: rendered.details }),
          },
        });
      }
      return;
    }
    const correlationId = currentLogContext().correlationId;
    this.logger.error('unhandled error', { error: exception, context: 'http' });
    if (!response.headersSent) {
      response.status(500).json({
        error: {
          code: 'INTERNAL',
          message: `Something went wrong on our side; quote correlation id ${correlationId ?? 'n/a'} to support.`,
        },
      });
    }
  }
}

export function renderKnown(exception: unknown): Rendered | undefined {
  if (exception instanceof ApiError) {
    return {
      status: exception.status,
      code: exception.code,
      message: exception.message,
      details: exception.details,
    };
  }
  if (exception instanceof TradeFileError) {
    return { status: exception.httpStatus, code: exception.code, message: exception.message };
  }
  if (exception instanceof NotFoundError)
    return { status: 404, code: 'NOT_FOUND', message: exception.message };
  if (exception instanceof IllegalTransitionError) {
    return { status: 409, code: 'ILLEGAL_TRANSITION', message: exception.message };
  }
  if (exception instanceof ConcurrentUpdateError) {
    return { status: 409, code: 'CONCURRENT_UPDATE', message: `${exception.message}; reload and try again` };
  }
  if (exception instanceof DuplicateBatchError) {
    return {
      status: 409,
      code: 'DUPLICATE_FILE',
      message: `this exact file was already uploaded as batch ${exception.existingBatchId}`,
      details: { existingBatchId: exception.existingBatchId },
    };
  }
  if (exception instanceof z.ZodError) {
    return { status: 400, code: 'INVALID_REQUEST', message: z.prettifyError(exception).replace(/\n/g, '; ') };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const own = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
    return {
      status,
      code: typeof own === 'string' ? own : httpCode(status),
      message: httpMessage(exception),
    };
  }
  return undefined;
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  }
}

function httpMessage(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message)
    ? message.join('; ')
    : typeof message === 'string'
      ? message
      : exception.message;
}
