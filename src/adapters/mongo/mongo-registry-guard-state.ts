// The registry guard's quota and cache in MongoDB, shared by every instance on the store [#19]:
// N instances together call InfoCamere at most REGISTRY_RATE_PER_MINUTE times in any 60 s.
//
// The quota is a sliding window made of inserts only, since inserts under a unique _id are the one
// write FerretDB 1.x makes atomic (see document-lock.ts, mongo-rate-limiter.ts). Every call admitted
// inserts the next number of a sequence, with its time; call n may go only when call n − limit went
// at least a window ago. A racer that took number n first sends the others on to n + 1. Numbers are
// claimed in order (n is tried only after n − 1 exists) and each time is read after the previous
// number was seen, so times grow with the numbers: any window holds at most `limit` of them. The
// times are the instances' clocks, so on several machines their skew loosens the bound by as much.
import type { Collection, Document } from 'mongodb';
import type { RegistryLookup } from '../../application/albo/ports/company-registry.js';
import {
  type CallQuota,
  type LookupCache,
  MINUTE_MS,
  type RegistryGuardState,
} from '../registry/registry-guard-state.js';
import { type IndexSpec, isDuplicateKey } from './mongo-documents.js';

const CALLS = 'registry_calls';
const ANSWERS = 'registry_answers';

export const REGISTRY_GUARD_INDEXES: IndexSpec[] = [
  { collection: CALLS, keys: { bucket: 1, seq: -1 }, name: 'bucket_seq' },
  { collection: ANSWERS, keys: { until: 1 }, name: 'until', expireAfterSeconds: 0 },
];

/** Lost races in a row before a call is refused rather than tried again (each loss is another's call). */
const MAX_RACES = 20;
const SWEEP_EVERY_MS = 60_000;

type Db = { collection(name: string): Collection<Document> };

export class MongoCallQuota implements CallQuota {
  private readonly calls: Collection<Document>;
  private nextSweep = 0;

  constructor(
    db: Db,
    private readonly bucket: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.calls = db.collection(CALLS);
  }

  async take(): Promise<boolean> {
    for (let race = 0; race < MAX_RACES; race++) {
      const newest = await this.calls.find({ bucket: this.bucket }).sort({ seq: -1 }).limit(1).next();
      const seq = newest ? Number(newest.seq) + 1 : 0;
      const now = this.now();
      if (seq >= this.limit) {
        // Missing: swept, which only happens to calls far older than the window.
        const earlier = await this.calls.findOne({ _id: this.idOf(seq - this.limit) as never });
        if (earlier && (earlier.at as Date).getTime() > now - this.windowMs) return false;
      }
      try {
        await this.calls.insertOne({
          _id: this.idOf(seq) as never,
          bucket: this.bucket,
          seq,
          at: new Date(now),
        });
        this.sweep(now, seq);
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return false;
  }

  private idOf(seq: number): string {
    return `${this.bucket}|${seq}`;
  }

  /** Keeps the newest 2 × limit calls (those a claim may still read), at most once a minute. */
  private sweep(now: number, seq: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    void this.calls
      .deleteMany({ bucket: this.bucket, seq: { $lt: seq - 2 * this.limit } })
      .catch(() => undefined);
  }
}

/** One document per fiscal code; the answer as JSON text, as the decision log keeps its entries. */
export class MongoLookupCache implements LookupCache {
  private readonly answers: Collection<Document>;
  private nextSweep = 0;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = db.collection(ANSWERS);
  }

  async get(key: string): Promise<RegistryLookup | null> {
    const now = this.now();
    this.sweep(now);
    const doc = await this.answers.findOne({ _id: key as never, until: { $gt: new Date(now) } });
    return doc ? (JSON.parse(String(doc.answer)) as RegistryLookup) : null;
  }

  async put(key: string, answer: RegistryLookup, ttlMs: number): Promise<void> {
    const doc = { answer: JSON.stringify(answer), until: new Date(this.now() + ttlMs) };
    try {
      await this.answers.replaceOne({ _id: key as never }, doc, { upsert: true });
    } catch (error) {
      // Two instances caching the same company at once (FerretDB's upsert inserts): one answer stays.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Expired answers go by the TTL index where the server has one, and by this sweep on FerretDB 1.x. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    void this.answers.deleteMany({ until: { $lte: new Date(now) } }).catch(() => undefined);
  }
}

export function mongoRegistryGuardState(db: Db, maxCallsPerMinute: number): RegistryGuardState {
  return {
    quota: new MongoCallQuota(db, 'infocamere', maxCallsPerMinute, MINUTE_MS),
    cache: new MongoLookupCache(db),
  };
}
