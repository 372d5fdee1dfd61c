import { MemoryRateLimiter } from '../../src/adapters/memory/memory-rate-limiter.js';
import { rateLimiterContract } from '../contracts/rate-limiter.contract.js';

rateLimiterContract('memory', (now) => new MemoryRateLimiter(now));
