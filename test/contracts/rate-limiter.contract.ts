// The contract every RateLimiter keeps (memory, MongoDB): a fixed window admits `limit` attempts per
// key and refuses the rest with the seconds left, keys and windows are counted apart, and parallel
// attempts never admit more than the limit.
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../src/application/ports/rate-limiter.js';

/** `make(now)`: an adapter reading the time from `now` (milliseconds), fresh and empty. */
export function rateLimiterContract(
  adapter: string,
  make: (now: () => number) => RateLimiter | Promise<RateLimiter>,
) {
  describe(`RateLimiter contract: ${adapter}`, () => {
    const minute = { limit: 3, windowSeconds: 60 };
    // 10:00:15 in some window: 45 seconds left in it.
    const start = Date.UTC(2026, 0, 5, 10, 0, 15);

    it('admits the limit, then refuses with the seconds left in the window', async () => {
      let now = start;
      const limiter = await make(() => now);
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await limiter.hit('login|client|10.0.0.1', minute));
      expect(answers.map((a) => a.allowed)).toEqual([true, true, true, false, false]);
      expect(answers[4]?.retryAfterSeconds).toBe(45);
      now += 44_000;
      expect(await limiter.hit('login|client|10.0.0.1', minute)).toEqual({
        allowed: false,
        retryAfterSeconds: 1,
      });
      now += 1_000; // the next window
      expect((await limiter.hit('login|client|10.0.0.1', minute)).allowed).toBe(true);
    });

    it('counts keys and window sizes apart', async () => {
      const limiter = await make(() => start);
      for (let i = 0; i < 3; i++) await limiter.hit('a', minute);
      expect((await limiter.hit('a', minute)).allowed).toBe(false);
      expect((await limiter.hit('b', minute)).allowed).toBe(true);
      expect((await limiter.hit('a', { limit: 3, windowSeconds: 3600 })).allowed).toBe(true);
    });

    it('never admits more than the limit under 60 parallel attempts', async () => {
      const limiter = await make(() => start);
      const rule = { limit: 10, windowSeconds: 60 };
      const answers = await Promise.all(Array.from({ length: 60 }, () => limiter.hit('burst', rule)));
      expect(answers.filter((a) => a.allowed)).toHaveLength(10);
      // Once the burst is over the window stays full.
      expect((await limiter.hit('burst', rule)).allowed).toBe(false);
    });
  });
}
