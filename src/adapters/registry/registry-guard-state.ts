// What the registry guard keeps between calls: the calls spent against InfoCamere's capacity and the
// answers already had. In one process they live in memory; with MONGODB_URI they live in the store
// (mongo/mongo-registry-guard-state.ts), so N instances together stay within the provider's limit
// and a company checked by one instance is not checked again by another [#19].
import type { RegistryLookup } from '../../application/albo/ports/company-registry.js';

/** At most `limit` calls in any window of `windowMs`: `take` answers whether one more may go now. */
export interface CallQuota {
  take(): Promise<boolean>;
}

/** Answers of the online check, by normalised fiscal code, until they expire. */
export interface LookupCache {
  get(key: string): Promise<RegistryLookup | null>;
  put(key: string, answer: RegistryLookup, ttlMs: number): Promise<void>;
}

export interface RegistryGuardState {
  quota: CallQuota;
  cache: LookupCache;
}

/** A sliding window of the last calls' times: a call goes when fewer than `limit` went in the window. */
export class MemoryCallQuota implements CallQuota {
  private calls: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Monotonic milliseconds. */
    private readonly now: () => number,
  ) {}

  async take(): Promise<boolean> {
    const now = this.now();
    this.calls = this.calls.filter((t) => t > now - this.windowMs);
    if (this.calls.length >= this.limit) return false;
    this.calls.push(now);
    return true;
  }
}

export class MemoryLookupCache implements LookupCache {
  private readonly answers = new Map<string, { answer: RegistryLookup; until: number }>();

  constructor(private readonly now: () => number) {}

  async get(key: string): Promise<RegistryLookup | null> {
    const cached = this.answers.get(key);
    return cached && cached.until > this.now() ? cached.answer : null;
  }

  async put(key: string, answer: RegistryLookup, ttlMs: number): Promise<void> {
    this.answers.set(key, { answer, until: this.now() + ttlMs });
  }
}

export const MINUTE_MS = 60_000;

/** The in-process state, for the embedded default (and the guard's own tests, on their clock). */
export function memoryRegistryGuardState(
  maxCallsPerMinute: number,
  now: () => number = () => performance.now(),
): RegistryGuardState {
  return { quota: new MemoryCallQuota(maxCallsPerMinute, MINUTE_MS, now), cache: new MemoryLookupCache(now) };
}
