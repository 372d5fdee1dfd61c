// [§6 InfoCamere] The guard around the registry: a slow answer times out, a failure and a full
// minute's capacity degrade to `unavailable` at once, and answers are cached.
import { describe, expect, it } from 'vitest';
import { FixtureCompanyRegistry } from '../../src/adapters/registry/fixture-company-registry.js';
import { GuardedCompanyRegistry } from '../../src/adapters/registry/guarded-company-registry.js';
import { BIANCHI, ROSSI } from './support.js';

function guarded(
  options: Partial<{ timeoutMs: number; maxCallsPerMinute: number; cacheTtlMs: number }> = {},
) {
  const fixture = new FixtureCompanyRegistry();
  let now = 0;
  const registry = new GuardedCompanyRegistry(
    fixture,
    { timeoutMs: 50, maxCallsPerMinute: 60, cacheTtlMs: 60_000, ...options },
    () => now,
  );
  return { fixture, registry, advance: (ms: number) => (now += ms) };
}

describe('the guarded company registry', () => {
  it('answers unavailable when the registry is slower than the timeout, without waiting for it', async () => {
    const { fixture, registry } = guarded();
    fixture.setBehaviour({ mode: 'slow', delayMs: 2_000 });
    const started = performance.now();
    expect(await registry.lookup(ROSSI.fiscalCode)).toEqual({
      status: 'unavailable',
      reason: 'no answer within 50 ms',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers unavailable when the registry fails', async () => {
    const { fixture, registry } = guarded();
    fixture.setBehaviour({ mode: 'unavailable' });
    expect(await registry.lookup(ROSSI.fiscalCode)).toMatchObject({ status: 'unavailable' });
  });

  it('caches answers until they expire, so a retry costs the registry nothing', async () => {
    const { fixture, registry, advance } = guarded();
    await registry.lookup(ROSSI.fiscalCode);
    await registry.lookup(` ${ROSSI.fiscalCode} `);
    expect(fixture.lookups).toBe(1);
    advance(60_001);
    await registry.lookup(ROSSI.fiscalCode);
    expect(fixture.lookups).toBe(2);
  });

  it('does not cache unavailability: the next call asks again', async () => {
    const { fixture, registry } = guarded();
    fixture.setBehaviour({ mode: 'unavailable' });
    await registry.lookup(ROSSI.fiscalCode);
    fixture.setBehaviour({ mode: 'normal' });
    expect(await registry.lookup(ROSSI.fiscalCode)).toMatchObject({ status: 'found' });
  });

  it('calls the registry at most the configured times a minute, then degrades until the minute passes', async () => {
    const { fixture, registry, advance } = guarded({ maxCallsPerMinute: 1 });
    expect(await registry.lookup(ROSSI.fiscalCode)).toMatchObject({ status: 'found' });
    expect(await registry.lookup(BIANCHI.fiscalCode)).toEqual({
      status: 'unavailable',
      reason: 'capacity per minute reached',
    });
    expect(fixture.lookups).toBe(1);
    advance(60_001);
    expect(await registry.lookup(BIANCHI.fiscalCode)).toMatchObject({ status: 'found' });
  });
});
