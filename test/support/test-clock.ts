// The clock of the procedure tests: set by the test, read by the service as its Clock port.
import type { Clock } from '../../src/application/ports/clock.js';

export class TestClock implements Clock {
  private at: number;
  /** Default: Friday 20 January 2017, 10:00 in Rome (the register's examples). */
  constructor(iso = '2017-01-20T10:00:00+01:00') {
    this.at = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(iso: string): void {
    this.at = Date.parse(iso);
  }
}
