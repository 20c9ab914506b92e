import { z } from 'zod';
import { ApiError } from '../http/api-error';

/** The longest window one download may cover: an outage, with room to spare, not the ledger's life. */
export const MAX_WINDOW_DAYS = 31;
const DAY_MS = 86_400_000;

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });

const example = (name: string) =>
  name === 'from' ? '2026-12-04 or 2026-12-04T06:30:00Z' : '2026-12-05 or 2026-12-04T18:00:00+01:00';

/**
 * An instant of the window: a date (that day's 00:00 UTC) or a date-time with its offset. A time without
 * an offset is refused rather than guessed.
 */
const Instant = (name: 'from' | 'to') =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${name} is required: give a date or a date-time with its offset, e.g. ${example(name)}`
          : `${name} must be given once, as a date or a date-time with its offset, e.g. ${example(name)}`,
    })
    .trim()
    .transform((text, ctx) => {
      if (IsoDate.safeParse(text).success) return new Date(`${text}T00:00:00Z`);
      if (IsoDateTime.safeParse(text).success) return new Date(text);
      ctx.addIssue({ code: 'custom', message: instantProblem(name, text) });
      return z.NEVER;
    })
    .describe(
      `YYYY-MM-DD (00:00 UTC that day) or an ISO 8601 date-time with Z or an offset, e.g. ${example(name)}`,
    );

function instantProblem(name: string, text: string): string {
  const shown = `'${text.slice(0, 40)}'`;
  // A '+' that was not URL-encoded arrives as a space.
  if (/T\d\d:\d\d:\d\d(\.\d+)? \d\d:\d\d$/.test(text)) {
    return `${name} ${shown} lost the '+' of its offset: write it %2B in the URL (e.g. 06:30:00%2B01:00), or use Z`;
  }
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) {
    return `${name} ${shown} has no offset: add Z for UTC or the offset it is in (e.g. +01:00)`;
  }
  return `${name} ${shown} is not a real date (YYYY-MM-DD) or date-time with seconds and offset: use e.g. ${example(name)}`;
}

/** GET /reports/handback query parameters: validated here and documented in OpenAPI from the same schema. */
export const HandbackQuery = z.strictObject({
  from: Instant('from').describe(
    'start of the upload window, included: YYYY-MM-DD (00:00 UTC) or a date-time with Z or an offset',
  ),
  to: Instant('to')
    .optional()
    .describe(
      'end of the upload window, excluded: YYYY-MM-DD (00:00 UTC) or a date-time with Z or an offset; default now',
    ),
  format: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['csv', 'json'], { error: 'format must be csv or json' }))
    .default('csv')
    .describe('csv (the default): a download with formula cells neutralised; json: an array'),
});
export type HandbackQuery = z.infer<typeof HandbackQuery>;

/** The upload window [from, to) of one report. */
export interface HandbackWindow {
  from: Date;
  to: Date;
}

/** The window the query asks for (`to` defaults to `now`); a 400 INVALID_WINDOW when it is empty or too long. */
export function handbackWindow(query: Pick<HandbackQuery, 'from' | 'to'>, now: Date): HandbackWindow {
  const from = query.from;
  const to = query.to ?? now;
  if (to.getTime() <= from.getTime()) {
    throw new ApiError(
      400,
      'INVALID_WINDOW',
      `the window is empty: from (${from.toISOString()}) must be before to (${to.toISOString()}${query.to ? '' : ', now'})`,
    );
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new ApiError(
      400,
      'INVALID_WINDOW',
      `the window from ${from.toISOString()} to ${to.toISOString()} is longer than ${MAX_WINDOW_DAYS} days: ` +
        'ask for it in several downloads of at most that length',
    );
  }
  return { from, to };
}
