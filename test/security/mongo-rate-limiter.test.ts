// The MongoDB counters keep the same contract as the in-memory ones, FerretDB 1.x included (whose
// upserting $inc is not atomic: the adapter claims one slot document per admitted attempt instead),
// and two instances on one database share them.
import { expect, it } from 'vitest';
import { MongoRateLimiter } from '../../src/adapters/mongo/mongo-rate-limiter.js';
import { rateLimiterContract } from '../contracts/rate-limiter.contract.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

describeMongo('rate limiter', () => {
  rateLimiterContract('mongodb', async (now) => new MongoRateLimiter(await freshDatabase(), now));

  it('admits the limit once across two instances sharing the database', async () => {
    const db = await freshDatabase();
    const now = () => Date.UTC(2026, 0, 5, 10, 0, 15);
    const instances = [new MongoRateLimiter(db, now), new MongoRateLimiter(db, now)];
    const rule = { limit: 8, windowSeconds: 60 };
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (instances[i % 2] as MongoRateLimiter).hit('login|client|x', rule),
      ),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(8);
  });
});
