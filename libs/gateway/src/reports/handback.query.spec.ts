import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { HandbackQuery, handbackWindow, MAX_WINDOW_DAYS } from './handback.query';

function refusal(query: Record<string, unknown>): string {
  const result = HandbackQuery.safeParse(query);
  if (result.success) throw new Error(`accepted ${JSON.stringify(query)}`);
  return z.prettifyError(result.error);
}

function windowError(query: HandbackQuery, now = new Date('2026-12-10T12:00:00Z')): ApiError {
  try {
    handbackWindow(query, now);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the window was accepted');
}

describe('HandbackQuery', () => {
  it('reads a date as 00:00 UTC that day and a date-time at its offset; CSV by default', () => {
    expect(HandbackQuery.parse({ from: '2026-12-04', to: '2026-12-05T08:30:00+01:00' })).toEqual({
      from: new Date('2026-12-04T00:00:00Z'),
      to: new Date('2026-12-05T07:30:00Z'),
      format: 'csv',
    });
    expect(HandbackQuery.parse({ from: ' 2026-12-04T06:00:00.250Z ', format: 'JSON' })).toEqual({
      from: new Date('2026-12-04T06:00:00.250Z'),
      format: 'json',
    });
  });

  it('says from is required, with an example', () => {
    expect(refusal({})).toContain('from is required: give a date or a date-time with its offset, e.g.');
  });

  it.each([
    ['2026-13-01', 'is not a real date'],
    ['2026-02-30', 'is not a real date'],
    ['04/12/2026', 'is not a real date'],
    ['2026-12-04T06:00:00', 'has no offset: add Z for UTC'],
    ['2026-12-04T06:00:00 01:00', "lost the '+' of its offset: write it %2B in the URL"],
    ['2026-12-04T06:00Z', 'is not a real date'],
  ])('refuses from=%s: %s', (from, message) => {
    expect(refusal({ from })).toContain(message);
  });

  it('refuses a repeated parameter, an unknown format and an unknown parameter', () => {
    expect(refusal({ from: ['2026-12-04', '2026-12-05'] })).toContain('from must be given once');
    expect(refusal({ from: '2026-12-04', format: 'xlsx' })).toContain('format must be csv or json');
    expect(refusal({ from: '2026-12-04', status: 'CONFIRMED' })).toContain('Unrecognized key: "status"');
  });
});

describe(handbackWindow.name, () => {
  const now = new Date('2026-12-10T12:00:00Z');

  it('is [from, to), to defaulting to now', () => {
    const from = new Date('2026-12-04T00:00:00Z');
    expect(handbackWindow({ from }, now)).toEqual({ from, to: now });
    const to = new Date('2026-12-05T00:00:00Z');
    expect(handbackWindow({ from, to }, now)).toEqual({ from, to });
  });

  it('refuses an empty or backwards window', () => {
    const at = new Date('2026-12-04T00:00:00Z');
    const error = windowError({ from: at, to: at, format: 'csv' });
    expect(error).toMatchObject({ status: 400, code: 'INVALID_WINDOW' });
    expect(error.message).toContain('must be before to');
    expect(windowError({ from: new Date('2026-12-11T00:00:00Z'), format: 'csv' }).message).toContain(
      ', now)',
    );
  });

  it(`allows ${MAX_WINDOW_DAYS} days and refuses a millisecond more`, () => {
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2026-12-02T00:00:00Z');
    expect(handbackWindow({ from, to }, now)).toEqual({ from, to });
    const error = windowError({ from, to: new Date(to.getTime() + 1), format: 'csv' });
    expect(error).toMatchObject({ status: 400, code: 'INVALID_WINDOW' });
    expect(error.message).toContain(`longer than ${MAX_WINDOW_DAYS} days: ask for it in several downloads`);
  });
});
