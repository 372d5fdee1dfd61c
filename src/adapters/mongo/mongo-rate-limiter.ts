// Fixed-window counters in MongoDB, shared by every instance. Each allowed attempt is one inserted
// document of its window's bucket, and the attempt is allowed when the bucket holds at most `limit`
// documents once its own is in: inserts are atomic on MongoDB and on FerretDB 1.x alike, whereas
// an upserting $inc is not atomic on FerretDB 1.x (40 parallel increments of one counter were
// probed to leave it at 2–7). An attempt that finds the bucket full is refused without writing, so
// a bucket holds at most `limit` plus the attempts racing at that moment. Ended windows are removed
// by a TTL index where the server has them, and by this adapter's own sweep (FerretDB 1.x has none).
import { randomUUID } from 'node:crypto';
import type { Collection, Document } from 'mongodb';
import {
  type RateDecision,
  type RateLimit,
  type RateLimiter,
  windowOf,
} from '../../application/ports/rate-limiter.js';
import type { IndexSpec } from './mongo-documents.js';

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
    const refused = { allowed: false, retryAfterSeconds: window.retryAfterSeconds };
    if ((await this.hits.countDocuments({ bucket })) >= rule.limit) return refused;
    await this.hits.insertOne({ _id: randomUUID() as never, bucket, expiresAt: new Date(window.end) });
    // Every attempt inserted before this one is counted here, so the allowed ones never exceed the limit.
    if ((await this.hits.countDocuments({ bucket })) > rule.limit) return refused;
    return { allowed: true, retryAfterSeconds: window.retryAfterSeconds };
  }

  /** Removes ended windows at most once a minute per instance, in the background. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    void this.hits.deleteMany({ expiresAt: { $lt: new Date(now) } }).catch(() => undefined);
  }
}
