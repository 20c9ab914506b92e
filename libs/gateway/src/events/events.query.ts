import { z } from 'zod';
import { ApiError } from '../http/api-error';

const HistoryId = z
  .string()
  .regex(/^\d{1,15}$/, { error: 'after must be an event id: the id of the last event received' })
  .transform(Number);

export const EventsQuery = z.strictObject({
  after: HistoryId.optional().describe(
    'resume after this event id; a reconnecting EventSource sends Last-Event-ID instead, which wins',
  ),
  batchId: z.uuid({ error: 'batchId must be a batch id (a UUID)' }).optional(),
});
export type EventsQuery = z.infer<typeof EventsQuery>;

/** The browser's reconnect header, else ?after= (an EventSource keeps its first URL on reconnect). */
export function resumeAfter(lastEventId: string | undefined, query: EventsQuery): number | undefined {
  if (lastEventId === undefined || lastEventId === '') return query.after;
  if (!/^\d{1,15}$/.test(lastEventId.trim())) {
    throw new ApiError(
      400,
      'INVALID_LAST_EVENT_ID',
      `Last-Event-ID '${lastEventId.slice(0, 40)}' is not an event id this stream sent: send the id of the last event received, or none to start live`,
    );
  }
  return Number(lastEventId.trim());
}
