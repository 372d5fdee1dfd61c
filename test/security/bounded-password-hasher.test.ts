// The hashing queue: at most `maxInFlight` computations at once and `maxWaiting` in line; beyond
// that a call is refused at once with PasswordHasherBusy, and a place freed goes to the next in line.
import { describe, expect, it } from 'vitest';
import { BoundedPasswordHasher } from '../../src/adapters/security/bounded-password-hasher.js';
import { type PasswordHasher, PasswordHasherBusy } from '../../src/application/ports/password-hasher.js';

/** A hasher whose computations end when the test says, counting how many run at once. */
function gatedHasher() {
  const gates: Array<() => void> = [];
  const seen = { calls: 0, running: 0, maxRunning: 0 };
  const run = async <T>(value: T): Promise<T> => {
    seen.calls++;
    seen.running++;
    seen.maxRunning = Math.max(seen.maxRunning, seen.running);
    await new Promise<void>((open) => gates.push(open));
    seen.running--;
    return value;
  };
  const hasher: PasswordHasher = { hash: (p) => run(`hash:${p}`), verify: () => run(true) };
  const openAll = async () => {
    while (gates.length > 0 || seen.running > 0) {
      for (const open of gates.splice(0)) open();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { hasher, seen, openAll };
}

describe('BoundedPasswordHasher', () => {
  it('runs at most maxInFlight at once, queues maxWaiting, and refuses the rest at once', async () => {
    const { hasher, seen, openAll } = gatedHasher();
    const bounded = new BoundedPasswordHasher(hasher, { maxInFlight: 2, maxWaiting: 3 });
    const calls = Array.from({ length: 10 }, (_, i) =>
      bounded.verify(`p${i}`, 'h').then(
        () => 'done',
        (e: unknown) => (e instanceof PasswordHasherBusy ? `busy ${e.retryAfterSeconds}s` : 'other'),
      ),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.calls).toBe(2);
    await openAll();
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'busy 1s')).toHaveLength(5);
    expect(seen).toMatchObject({ calls: 5, maxRunning: 2, running: 0 });
  });

  it('frees its place when a computation fails', async () => {
    const failing: PasswordHasher = {
      hash: () => Promise.reject(new Error('broken')),
      verify: () => Promise.reject(new Error('broken')),
    };
    const bounded = new BoundedPasswordHasher(failing, { maxInFlight: 1, maxWaiting: 0 });
    for (let i = 0; i < 3; i++) await expect(bounded.hash('x')).rejects.toThrow('broken');
  });
});
