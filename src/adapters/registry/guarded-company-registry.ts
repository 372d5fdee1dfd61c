// What the register needs around InfoCamere [§6]: its capacity per minute is limited, so calls are
// throttled to a configured rate, answers are cached, and a call that takes too long or fails
// becomes `unavailable` (albo.registration then suggests the simplified mode) instead of hanging.
// After `breakerFailures` failures in a row the circuit opens: calls fail fast, sparing a registry
// in trouble, until `breakerCooldownMs` has passed; then one trial call (half-open) decides.
// The quota and the cache are the given state's (registry-guard-state.ts): in the store when
// several instances share it, so together they stay within the limit [#19]. The circuit breaker
// stays per instance: each learns for itself that the registry fails, at a cost of a few calls.
import type {
  CompanyRegistry,
  RegistryCompany,
  RegistryLookup,
} from '../../application/albo/ports/company-registry.js';
import { memoryRegistryGuardState, type RegistryGuardState } from './registry-guard-state.js';

export interface RegistryGuardOptions {
  timeoutMs: number;
  maxCallsPerMinute: number;
  cacheTtlMs: number;
  /** Consecutive failures (errors, timeouts) that open the circuit; default 5. */
  breakerFailures?: number;
  /** How long an open circuit fails fast before one trial call; default 30 s. */
  breakerCooldownMs?: number;
}

const BREAKER_FAILURES = 5;
const BREAKER_COOLDOWN_MS = 30_000;

export const DEFAULT_REGISTRY_GUARD: RegistryGuardOptions = {
  timeoutMs: 2_000,
  maxCallsPerMinute: 60,
  cacheTtlMs: 10 * 60_000,
  breakerFailures: BREAKER_FAILURES,
  breakerCooldownMs: BREAKER_COOLDOWN_MS,
};

export class GuardedCompanyRegistry implements CompanyRegistry {
  private failures = 0;
  /** While set, the circuit is open until then; after it, half-open. */
  private openUntil: number | null = null;
  private trialInFlight = false;
  private readonly inFlight = new Map<string, Promise<RegistryLookup>>();

  constructor(
    private readonly inner: CompanyRegistry,
    private readonly options: RegistryGuardOptions = DEFAULT_REGISTRY_GUARD,
    /** Monotonic milliseconds. */
    private readonly now: () => number = () => performance.now(),
    private readonly state: RegistryGuardState = memoryRegistryGuardState(options.maxCallsPerMinute, now),
  ) {}

  async lookup(fiscalCode: string): Promise<RegistryLookup> {
    const key = fiscalCode.trim().toUpperCase();
    // Concurrent lookups of one company share one call: a burst spends no extra capacity on it.
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const call = this.cachedOrCall(key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private async cachedOrCall(key: string): Promise<RegistryLookup> {
    const cached = await this.state.cache.get(key).catch(() => null);
    return cached ?? this.call(key);
  }

  private async call(key: string): Promise<RegistryLookup> {
    const trial = this.openUntil !== null;
    if (trial && (this.now() < (this.openUntil ?? 0) || this.trialInFlight))
      return { status: 'unavailable', reason: 'circuit open after repeated failures' };
    // Taken before the quota is asked: the trial is one call, however many lookups arrive meanwhile.
    if (trial) this.trialInFlight = true;
    try {
      // A quota that cannot be read (the store down) spends nothing: the provider's limit comes first.
      if (!(await this.state.quota.take().catch(() => false)))
        return { status: 'unavailable', reason: 'capacity per minute reached' };
      return await this.answered(key);
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private async answered(key: string): Promise<RegistryLookup> {
    const answer = await this.withTimeout(key);
    if (answer.status === 'unavailable') this.failed();
    else {
      this.failures = 0;
      this.openUntil = null;
      await this.state.cache.put(key, answer, this.options.cacheTtlMs).catch(() => undefined);
    }
    return answer;
  }

  /** A failed trial reopens at once; otherwise the circuit opens at the K-th failure in a row. */
  private failed(): void {
    this.failures++;
    if (this.openUntil !== null || this.failures >= (this.options.breakerFailures ?? BREAKER_FAILURES))
      this.openUntil = this.now() + (this.options.breakerCooldownMs ?? BREAKER_COOLDOWN_MS);
  }

  roll(): Promise<RegistryCompany[]> {
    return this.inner.roll();
  }

  inRoll(fiscalCode: string): Promise<RegistryCompany | null> {
    return this.inner.inRoll(fiscalCode);
  }

  private async withTimeout(fiscalCode: string): Promise<RegistryLookup> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<RegistryLookup>((done) => {
      timer = setTimeout(
        () => done({ status: 'unavailable', reason: `no answer within ${this.options.timeoutMs} ms` }),
        this.options.timeoutMs,
      );
    });
    try {
      return await Promise.race([
        this.inner.lookup(fiscalCode).catch(
          (e: unknown): RegistryLookup => ({
            status: 'unavailable',
            reason: e instanceof Error ? e.message : String(e),
          }),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
