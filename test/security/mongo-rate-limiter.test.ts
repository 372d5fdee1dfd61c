// The MongoDB counters keep the same contract as the in-memory ones, FerretDB 1.x included (whose
// upserting $inc is not atomic: the adapter counts inserted documents instead).
import { MongoRateLimiter } from '../../src/adapters/mongo/mongo-rate-limiter.js';
import { rateLimiterContract } from '../contracts/rate-limiter.contract.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

describeMongo('rate limiter', () => {
  rateLimiterContract('mongodb', async (now) => new MongoRateLimiter(await freshDatabase(), now));
});
