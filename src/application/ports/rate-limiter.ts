/** At most `limit` attempts per key in each fixed window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window in force ends (when a refused caller may try again). */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters of attempts, shared by every instance using the same store. A hit is counted
 * only when allowed; however many race, exactly `limit` are admitted per key and window.
 */
export interface RateLimiter {
  hit(key: string, rule: RateLimit): Promise<RateDecision>;
}

/** The window `now` falls in, and the seconds left in it. */
export function windowOf(
  nowMs: number,
  rule: RateLimit,
): { start: number; end: number; retryAfterSeconds: number } {
  const size = rule.windowSeconds * 1000;
  const start = Math.floor(nowMs / size) * size;
  const end = start + size;
  return { start, end, retryAfterSeconds: Math.max(1, Math.ceil((end - nowMs) / 1000)) };
}
