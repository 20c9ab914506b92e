import type { Logger } from 'winston';
import { AppLogger } from './app.logger';

function setup(): { sut: AppLogger; entries: Record<string, unknown>[]; logger: Logger } {
  const entries: Record<string, unknown>[] = [];
  const logger = {
    level: 'info',
    log: (entry: Record<string, unknown>) => entries.push(entry),
  } as unknown as Logger;
  return { sut: new AppLogger(logger), entries, logger };
}

describe(AppLogger.name, () => {
  it('turns Nest’s trailing context argument into a context field', () => {
    const { sut, entries } = setup();
    sut.log('Mapped {/healthz, GET} route', 'RouterExplorer');
    expect(entries).toEqual([
      { level: 'info', message: 'Mapped {/healthz, GET} route', context: 'RouterExplorer' },
    ]);
  });

  it('reads error(message, stack, context) as Nest’s ExceptionsHandler calls it', () => {
    const { sut, entries } = setup();
    const stack = 'Error: boom\n    at handler (app.ts:1:1)';
    sut.error('boom', stack, 'ExceptionsHandler');
    sut.error('boom', stack);
    expect(entries).toEqual([
      { level: 'error', message: 'boom', stack, context: 'ExceptionsHandler' },
      { level: 'error', message: 'boom', stack },
    ]);
  });

  it('keeps the stack and fields of an Error given as the message', () => {
    const { sut, entries } = setup();
    const error = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    sut.error(error, 'CasieClient');
    expect(entries[0]).toMatchObject({
      level: 'error',
      message: 'refused',
      code: 'ECONNREFUSED',
      context: 'CasieClient',
    });
    expect(entries[0].stack).toBe(error.stack);
  });

  it('spreads an object message into fields', () => {
    const { sut, entries } = setup();
    sut.warn({ message: 'slow', ms: 900 }, 'Probe');
    expect(entries).toEqual([{ level: 'warn', message: 'slow', ms: 900, context: 'Probe' }]);
  });

  it('maps Nest log levels onto the winston level', () => {
    const { sut, logger } = setup();
    sut.setLogLevels(['error', 'warn', 'log', 'debug']);
    expect(logger.level).toBe('debug');
    sut.setLogLevels(['error', 'warn']);
    expect(logger.level).toBe('warn');
  });
});
