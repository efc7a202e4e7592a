/**
 * The one source of time. Every reader of time takes an injected Clock, so tests can
 * drive it; production uses the system clock.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
