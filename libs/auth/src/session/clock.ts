/** What time it is, for session timeouts (replaced in tests to move time on). */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('LOGIN_CLOCK');

export const systemClock: Clock = { now: () => new Date() };
