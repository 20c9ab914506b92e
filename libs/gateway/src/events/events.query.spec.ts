import { ApiError } from '../http/api-error';
import { EventsQuery, resumeAfter } from './events.query';

describe('resumeAfter', () => {
  it('prefers Last-Event-ID over ?after= (an EventSource keeps its first URL when it reconnects)', () => {
    expect(resumeAfter('42', EventsQuery.parse({ after: '7' }))).toBe(42);
  });

  it('takes ?after= without the header, and nothing when neither is given', () => {
    expect(resumeAfter(undefined, EventsQuery.parse({ after: '7' }))).toBe(7);
    expect(resumeAfter(undefined, EventsQuery.parse({}))).toBeUndefined();
  });

  it('refuses a Last-Event-ID that is not an event id with a 400', () => {
    expect(() => resumeAfter('abc', EventsQuery.parse({}))).toThrow(ApiError);
    expect(() => resumeAfter('-1', EventsQuery.parse({}))).toThrow(/not an event id/);
  });

  it('refuses a bad ?after= and a bad batchId', () => {
    expect(EventsQuery.safeParse({ after: 'x' }).success).toBe(false);
    expect(EventsQuery.safeParse({ batchId: 'nope' }).success).toBe(false);
    expect(EventsQuery.safeParse({ other: '1' }).success).toBe(false);
  });
});
