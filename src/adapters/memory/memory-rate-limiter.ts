// Fixed-window counters in the process (the embedded default): one count per key and window,
// checked and incremented in one synchronous step, so parallel requests cannot both take the last
// attempt. Windows that ended are dropped as the clock passes them.
import {
  type RateDecision,
  type RateLimit,
  type RateLimiter,
  windowOf,
} from '../../application/ports/rate-limiter.js';

export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, { count: number; end: number }>();
  private nextSweep = 0;

  /** `now`: real time by default (limits are operational, not part of a procedure's dated clock). */
  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, rule: RateLimit): Promise<RateDecision> {
    const now = this.now();
    this.sweep(now);
    const window = windowOf(now, rule);
    const bucket = `${key}|${rule.windowSeconds}|${window.start}`;
    const counted = this.counts.get(bucket) ?? { count: 0, end: window.end };
    if (counted.count >= rule.limit) return { allowed: false, retryAfterSeconds: window.retryAfterSeconds };
    counted.count += 1;
    this.counts.set(bucket, counted);
    return { allowed: true, retryAfterSeconds: window.retryAfterSeconds };
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 10_000;
    for (const [bucket, { end }] of this.counts) if (end <= now) this.counts.delete(bucket);
  }
}
