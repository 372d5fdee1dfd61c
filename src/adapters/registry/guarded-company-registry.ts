// What the register needs around InfoCamere [§6]: its capacity per minute is limited, so calls are
// throttled to a configured rate, answers are cached, and a call that takes too long or fails
// becomes `unavailable` (albo.registration then suggests the simplified mode) instead of hanging.
import type {
  CompanyRegistry,
  RegistryCompany,
  RegistryLookup,
} from '../../application/albo/company-registry.js';

export interface RegistryGuardOptions {
  timeoutMs: number;
  maxCallsPerMinute: number;
  cacheTtlMs: number;
}

export const DEFAULT_REGISTRY_GUARD: RegistryGuardOptions = {
  timeoutMs: 2_000,
  maxCallsPerMinute: 60,
  cacheTtlMs: 10 * 60_000,
};

const MINUTE_MS = 60_000;

export class GuardedCompanyRegistry implements CompanyRegistry {
  private readonly cache = new Map<string, { answer: RegistryLookup; until: number }>();
  private calls: number[] = [];

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
    this.calls = this.calls.filter((t) => t > started - MINUTE_MS);
    if (this.calls.length >= this.options.maxCallsPerMinute)
      return { status: 'unavailable', reason: 'capacity per minute reached' };
    this.calls.push(started);
    const answer = await this.withTimeout(key);
    if (answer.status !== 'unavailable')
      this.cache.set(key, { answer, until: this.now() + this.options.cacheTtlMs });
    return answer;
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
