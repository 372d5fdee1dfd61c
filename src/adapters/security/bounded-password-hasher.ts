// At most `maxInFlight` hash computations at once and `maxWaiting` in line; beyond that a call is
// refused at once with PasswordHasherBusy, so a burst of logins can neither pile up scrypt's memory
// (N = 2^15, r = 8: 32 MiB each) nor queue work without bound.
import { type PasswordHasher, PasswordHasherBusy } from '../../application/ports/password-hasher.js';
import type { HashingLimits } from './security-config.js';

/** What a refused caller is told to wait: a computation takes well under a second. */
const RETRY_AFTER_SECONDS = 1;

export class BoundedPasswordHasher implements PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly inner: PasswordHasher,
    private readonly limits: HashingLimits,
  ) {}

  hash(password: string): Promise<string> {
    return this.run(() => this.inner.hash(password));
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.run(() => this.inner.verify(password, hash));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.maxInFlight) {
      if (this.waiting.length >= this.limits.maxWaiting) throw new PasswordHasherBusy(RETRY_AFTER_SECONDS);
      // The finishing computation hands its place over (running stays counted), so none can cut in.
      await new Promise<void>((turn) => this.waiting.push(turn));
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
