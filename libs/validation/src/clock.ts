import { Injectable } from '@nestjs/common';

/** What time it is. Injected so that tests can fix it: "not in the past" and the cut-off depend on it. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock stopped at `at`, for tests and replays. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
