import { Inject, Injectable, type LoggerService, type LogLevel as NestLogLevel } from '@nestjs/common';
import type { Logger } from 'winston';
import type { LogLevel } from './create-logger';
import { LOGGER } from './observability.tokens';

// Nest's levels, from the most to the least verbose, and the winston level each one enables.
const LEVEL_FOR_NEST: ReadonlyArray<[NestLogLevel, LogLevel]> = [
  ['verbose', 'verbose'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'error'],
];

/**
 * Nest's LoggerService over the service's winston logger, so that Nest's own lines are JSON with the
 * same fields: `app.useLogger(app.get(AppLogger))`. Nest passes the context (the class name) last.
 */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true, { fatal: true });
  }

  setLogLevels(levels: NestLogLevel[]): void {
    const enabled = LEVEL_FOR_NEST.find(([nestLevel]) => levels.includes(nestLevel));
    if (enabled) this.logger.level = enabled[1];
  }

  private write(
    level: LogLevel,
    message: unknown,
    params: unknown[],
    mayHaveStack = false,
    extra: Record<string, unknown> = {},
  ): void {
    const rest = [...params];
    const last = rest.at(-1);
    const context = typeof last === 'string' && !looksLikeStack(last) ? rest.pop() : undefined;
    const fields: Record<string, unknown> = { ...extra };

    // Nest calls error(message, stack, context); an Error may also come as the message or a parameter.
    if (message instanceof Error || isObject(message)) addFields(fields, message);
    const details: unknown[] = [];
    for (const param of rest) {
      if (mayHaveStack && typeof param === 'string') fields.stack = param;
      else if (param instanceof Error || isObject(param)) addFields(fields, param);
      else if (param !== undefined) details.push(param);
    }
    if (details.length > 0) fields.details = details.length === 1 ? details[0] : details;
    if (context !== undefined) fields.context = context;
    this.logger.log({ ...fields, level, message: messageText(message) });
  }
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

const looksLikeStack = (text: string): boolean => /\n\s+at /.test(text);

function addFields(fields: Record<string, unknown>, value: object): void {
  Object.assign(fields, value);
  if (value instanceof Error) fields.stack = value.stack;
}

function messageText(message: unknown): string {
  if (message instanceof Error) return message.message;
  if (isObject(message)) return 'message' in message ? String(message.message) : '';
  return String(message);
}
