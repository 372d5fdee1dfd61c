// Fixed-window counters in MongoDB, shared by every instance. A window of a key has `limit` slots,
// documents with the _id `<bucket>|<n>` for n below the limit; an attempt is allowed when it
// inserts one of them. Inserts under a unique _id are atomic on MongoDB and on FerretDB 1.x alike,
// whereas an upserting $inc is not atomic on FerretDB 1.x (40 parallel increments of one counter
// were probed to leave it at 2–7): so exactly `limit` attempts per window are admitted however many
// race, and a refused attempt writes nothing. Ended windows are removed by a TTL index where the
// server has them, and by this adapter's own sweep (FerretDB 1.x has none).
import type { Collection, Document } from 'mongodb';
import {
  type RateDecision,
  type RateLimit,
  type RateLimiter,
  windowOf,
} from '../../application/ports/rate-limiter.js';
import { type IndexSpec, isDuplicateKey } from './mongo-documents.js';

const COLLECTION = 'rate_limit_hits';

export const RATE_LIMIT_INDEXES: IndexSpec[] = [
  { collection: COLLECTION, keys: { bucket: 1 }, name: 'bucket' },
  { collection: COLLECTION, keys: { expiresAt: 1 }, name: 'expiresAt', expireAfterSeconds: 0 },
];

const SWEEP_EVERY_MS = 60_000;

export class MongoRateLimiter implements RateLimiter {
  private readonly hits: Collection<Document>;
  private nextSweep = 0;

  constructor(
    db: { collection(name: string): Collection<Document> },
    private readonly now: () => number = Date.now,
  ) {
    this.hits = db.collection(COLLECTION);
  }

  async hit(key: string, rule: RateLimit): Promise<RateDecision> {
    const now = this.now();
    this.sweep(now);
    const window = windowOf(now, rule);
    const bucket = `${key}|${rule.windowSeconds}|${window.start}`;
    // Slots below the count are taken; a slot taken by a racer meanwhile sends this one to the next.
    for (let slot = await this.hits.countDocuments({ bucket }); slot < rule.limit; slot++) {
      try {
        await this.hits.insertOne({
          _id: `${bucket}|${slot}` as never,
          bucket,
          expiresAt: new Date(window.end),
        });
        return { allowed: true, retryAfterSeconds: window.retryAfterSeconds };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return { allowed: false, retryAfterSeconds: window.retryAfterSeconds };
  }

  /** Removes ended windows at most once a minute per instance, in the background. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    void this.hits.deleteMany({ expiresAt: { $lt: new Date(now) } }).catch(() => undefined);
  }
}
