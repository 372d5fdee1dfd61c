// [#19] The registry guard's call quota and answer cache, in memory and in MongoDB: however many
// callers race (in MongoDB: several instances' adapters on one database), at most `limit` calls go
// in any window, the next goes once the oldest is a window old, and an answer cached by one
// instance is read by another until it expires.
import { describe, expect, it } from 'vitest';
import { MongoCallQuota, MongoLookupCache } from '../../src/adapters/mongo/mongo-registry-guard-state.js';
import {
  type CallQuota,
  type LookupCache,
  MemoryCallQuota,
  MemoryLookupCache,
} from '../../src/adapters/registry/registry-guard-state.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

const LIMIT = 7;
const WINDOW_MS = 60_000;
const FOUND = { status: 'not-found' } as const;

/** `instances` quotas and caches sharing one state, on a clock the test moves. */
type Shared = (now: () => number) => Promise<{ quotas: CallQuota[]; caches: LookupCache[] }>;

function guardStateContract(name: string, shared: Shared) {
  describe(name, () => {
    it('admits exactly the limit of 60 racing calls, then the next once the oldest is a window old', async () => {
      let now = Date.UTC(2026, 0, 5, 10);
      const { quotas } = await shared(() => now);
      const taken = await Promise.all(
        Array.from({ length: 60 }, (_, i) => quotas[i % quotas.length]?.take()),
      );
      expect(taken.filter(Boolean)).toHaveLength(LIMIT);
      now += WINDOW_MS - 1;
      expect(await quotas[0]?.take()).toBe(false);
      now += 1;
      const next = await Promise.all(Array.from({ length: 20 }, (_, i) => quotas[i % quotas.length]?.take()));
      expect(next.filter(Boolean)).toHaveLength(LIMIT);
    });

    it('spreads the limit over the window: calls freed one by one as each becomes a window old', async () => {
      let now = Date.UTC(2026, 0, 5, 10);
      const { quotas } = await shared(() => now);
      for (let i = 0; i < LIMIT; i++, now += 1_000)
        expect(await quotas[i % quotas.length]?.take()).toBe(true);
      now = Date.UTC(2026, 0, 5, 10) + WINDOW_MS + 500; // only the first call is a window old
      expect(await quotas[1 % quotas.length]?.take()).toBe(true);
      expect(await quotas[2 % quotas.length]?.take()).toBe(false);
    });

    it('shares cached answers until they expire', async () => {
      let now = Date.UTC(2026, 0, 5, 10);
      const { caches } = await shared(() => now);
      await caches[0]?.put('07845120018', FOUND, 10_000);
      expect(await caches[caches.length - 1]?.get('07845120018')).toEqual(FOUND);
      now += 10_000;
      expect(await caches[caches.length - 1]?.get('07845120018')).toBeNull();
    });
  });
}

guardStateContract('in memory (one process)', async (now) => ({
  quotas: [new MemoryCallQuota(LIMIT, WINDOW_MS, now)],
  caches: [new MemoryLookupCache(now)],
}));

describeMongo('the registry guard state shared by three instances', () => {
  guardStateContract('three adapters on one database', async (now) => {
    const db = await freshDatabase();
    const three = [0, 1, 2];
    return {
      quotas: three.map(() => new MongoCallQuota(db, 'infocamere', LIMIT, WINDOW_MS, now)),
      caches: three.map(() => new MongoLookupCache(db, now)),
    };
  });
});
