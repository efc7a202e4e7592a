import { Clock } from '../../libs/core/src/clock/clock';

/** A clock the test moves by hand. */
export class TestClock extends Clock {
  private current: Date;
  constructor(start: Date | string = '2026-11-02T03:00:00.000Z') {
    super();
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
