import { createLogger as createWinstonLogger, format, transports, type Logform, type Logger } from 'winston';
import { logContextFormat, maskSecretsFormat } from './log.formats';

export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  format?: LogFormat;
}

/** JSON lines in production; one readable line (plus the stack of an error) in development. */
export function createLogger({ service, level = 'info', format: output = 'json' }: LoggerOptions): Logger {
  return createWinstonLogger({
    level,
    format: format.combine(
      format.errors({ stack: true, cause: true }),
      logContextFormat(),
      // Context before the logger's own name: in a shared process the context names the service at work.
      format((info) => Object.assign(info, { service: info.service ?? service }))(),
      maskSecretsFormat(),
      format.timestamp(),
      output === 'json' ? format.json() : prettyLine,
    ),
    transports: [new transports.Console()],
  });
}

const CONTEXT_FIELDS = ['correlationId', 'tradeId', 'batchId', 'messageId', 'topic'];
const HEADLINE_FIELDS = new Set([
  'timestamp',
  'level',
  'service',
  'context',
  'message',
  'stack',
  ...CONTEXT_FIELDS,
]);

const prettyLine = format.printf((info: Logform.TransformableInfo) => {
  const context = info.context ? ` (${text(info.context)})` : '';
  const fields = CONTEXT_FIELDS.filter((key) => info[key] !== undefined).map(
    (key) => `${key}=${text(info[key])}`,
  );
  const rest = Object.fromEntries(Object.entries(info).filter(([key]) => !HEADLINE_FIELDS.has(key)));
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest, bigintAsString)}` : '';
  const line = [
    `${text(info.timestamp)} ${info.level.toUpperCase().padEnd(7)} [${text(info.service)}]${context}`,
    text(info.message),
    ...fields,
  ].join(' ');
  return `${line}${extra}${typeof info.stack === 'string' ? `\n${info.stack}` : ''}`;
});

const bigintAsString = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

const text = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value, bigintAsString);
