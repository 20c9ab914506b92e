import { Writable } from 'node:stream';
import { transports, type Logger } from 'winston';
import { createLogger, type LogFormat } from './create-logger';
import { withLogContext } from './log-context';

function capture(format: LogFormat = 'json'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ service: 'upload-gateway', level: 'debug', format });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString().trimEnd());
      done();
    },
  });
  logger.clear().add(new transports.Stream({ stream }));
  return { logger, lines };
}

const parsed = (lines: string[]): Record<string, unknown>[] =>
  lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe(createLogger.name, () => {
  it('writes JSON lines with timestamp, level, service and message', () => {
    const { logger, lines } = capture();
    logger.info('batch received');
    const [line] = parsed(lines);
    expect(line).toMatchObject({ level: 'info', service: 'upload-gateway', message: 'batch received' });
    expect(new Date(String(line.timestamp)).toISOString()).toBe(line.timestamp);
  });

  it('adds the fields of the current log context, nested contexts merged', () => {
    const { logger, lines } = capture();
    withLogContext({ correlationId: 'c-1', batchId: 'b-1' }, () => {
      withLogContext({ tradeId: 't-1', topic: 'trades.received.v1' }, () => logger.info('validating'));
      logger.info('done');
    });
    logger.info('outside');
    expect(parsed(lines)).toEqual([
      expect.objectContaining({
        correlationId: 'c-1',
        batchId: 'b-1',
        tradeId: 't-1',
        topic: 'trades.received.v1',
      }),
      expect.not.objectContaining({ tradeId: expect.anything() }),
      expect.not.objectContaining({ correlationId: expect.anything() }),
    ]);
  });

  it('lets a context name the service at work in a shared process', () => {
    const { logger, lines } = capture();
    withLogContext({ service: 'casie-adapter' }, () => logger.info('dispatching'));
    expect(parsed(lines)[0].service).toBe('casie-adapter');
  });

  it('masks secret-named fields at any depth and passwords in URLs', () => {
    const { logger, lines } = capture();
    const meta = {
      password: 'hunter2',
      request: { headers: { Authorization: 'Bearer abc', 'x-api-key': 'k-1', cookie: 's=1' }, path: '/x' },
      items: [{ clientSecret: 's3' }],
      url: 'postgres://app:pg-pass@db:5432/ledger',
    };
    logger.info('calling Casie', meta);
    const text = lines.join('\n');
    for (const secret of ['hunter2', 'Bearer abc', 'k-1', 's=1', 's3', 'pg-pass'])
      expect(text).not.toContain(secret);
    expect(parsed(lines)[0]).toMatchObject({
      password: '***',
      request: { headers: { Authorization: '***', 'x-api-key': '***', cookie: '***' }, path: '/x' },
      items: [{ clientSecret: '***' }],
      url: 'postgres://app:***@db:5432/ledger',
    });
    expect(meta.password).toBe('hunter2');
  });

  it('masks secrets carried by an Error and keeps its stack', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('refused by postgres://app:pg-pass@db/ledger'), {
      config: { headers: { authorization: 'Bearer abc' } },
      token: 'tok-1',
    });
    logger.error('dispatch failed', { error });
    logger.error(error);
    const text = lines.join('\n');
    for (const secret of ['Bearer abc', 'tok-1', 'pg-pass']) expect(text).not.toContain(secret);
    const [nested, direct] = parsed(lines);
    expect(nested.error).toMatchObject({
      name: 'Error',
      config: { headers: { authorization: '***' } },
      token: '***',
    });
    expect(String((nested.error as { stack: string }).stack)).toContain('create-logger.spec');
    expect(direct).toMatchObject({ message: 'refused by postgres://app:***@db/ledger', token: '***' });
    expect(direct.stack).toEqual(expect.stringContaining('create-logger.spec'));
  });

  it('serialises a circular structure instead of throwing', () => {
    const { logger, lines } = capture();
    const node: Record<string, unknown> = { name: 'a' };
    node.self = node;
    logger.info('cycle', { node });
    expect(parsed(lines)[0].node).toEqual({ name: 'a', self: '[Circular]' });
  });

  it('writes one readable line in pretty format', () => {
    const { logger, lines } = capture('pretty');
    withLogContext({ correlationId: 'c-1', tradeId: 't-1' }, () =>
      logger.warn('slow ack', { attempt: 2, apiKey: 'k-1' }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z WARN +\[upload-gateway\] slow ack correlationId=c-1 tradeId=t-1 \{"attempt":2,"apiKey":"\*\*\*"\}$/,
    );
  });

  it('drops lines below the configured level', () => {
    const { logger, lines } = capture();
    logger.level = 'info';
    logger.debug('noise');
    expect(lines).toEqual([]);
  });
});
