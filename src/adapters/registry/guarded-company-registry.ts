// What the register needs around InfoCamere [§6]: its capacity per minute is limited, so calls are
// throttled to a configured rate, answers are cached, and a call that takes too long or fails
// becomes `unavailable` (albo.registration then suggests the simplified mode) instead of hanging.
// After `breakerFailures` failures in a row the circuit opens: calls fail fast, sparing a registry
// in trouble, until `breakerCooldownMs` has passed; then one trial call (half-open) decides.
import type {
  CompanyRegistry,
  RegistryCompany,
  RegistryLookup,
} from '../../application/albo/ports/company-registry.js';

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

const MINUTE_MS = 60_000;

export class GuardedCompanyRegistry implements CompanyRegistry {
  private readonly cache = new Map<string, { answer: RegistryLookup; until: number }>();
  private calls: number[] = [];
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
  ) {}

  async lookup(fiscalCode: string): Promise<RegistryLookup> {
    const key = fiscalCode.trim().toUpperCase();
    const started = this.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > started) return cached.answer;
    // Concurrent lookups of one company share one call: a burst spends no extra capacity on it.
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const call = this.call(key, started).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private async call(key: string, started: number): Promise<RegistryLookup> {
    const trial = this.openUntil !== null;
    if (trial && (started < (this.openUntil ?? 0) || this.trialInFlight))
      return { status: 'unavailable', reason: 'circuit open after repeated failures' };
    this.calls = this.calls.filter((t) => t > started - MINUTE_MS);
    if (this.calls.length >= this.options.maxCallsPerMinute)
      return { status: 'unavailable', reason: 'capacity per minute reached' };
    this.calls.push(started);
    if (trial) this.trialInFlight = true;
    const answer = await this.withTimeout(key);
    if (trial) this.trialInFlight = false;
    if (answer.status === 'unavailable') this.failed();
    else {
      this.failures = 0;
      this.openUntil = null;
      this.cache.set(key, { answer, until: this.now() + this.options.cacheTtlMs });
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
