// The embedded default's demo switches: CLOCK_AT starts the clock on a past day (the 2017 fee can
// be tried today), REGISTRY_FIXTURE makes the business register slow or unavailable.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/adapters/config.js';
import { shiftedClock } from '../../src/adapters/system/shifted-clock.js';

describe('CLOCK_AT and REGISTRY_FIXTURE', () => {
  it('default to the real clock and a registry that answers', () => {
    expect(readConfig({})).toMatchObject({ ok: true, value: { clockAt: null, registryFixture: 'normal' } });
  });

  it('are read and checked', () => {
    expect(readConfig({ CLOCK_AT: '2017-01-20', REGISTRY_FIXTURE: 'slow' })).toMatchObject({
      ok: true,
      value: { clockAt: '2017-01-20', registryFixture: 'slow' },
    });
    const wrong = readConfig({ CLOCK_AT: '2017-02-30', REGISTRY_FIXTURE: 'down' });
    expect(wrong.ok).toBe(false);
    const text = wrong.ok ? '' : wrong.errors.join('\n');
    expect(text).toContain('CLOCK_AT must be a date');
    expect(text).toContain('REGISTRY_FIXTURE must be one of normal, slow, unavailable');
  });
});

describe('the shifted clock', () => {
  it('starts at 10:00 in Rome on the day given and runs at the normal pace', () => {
    let real = 1_000_000;
    const clock = shiftedClock('2017-01-20', () => real);
    expect(clock.now().toISOString()).toBe('2017-01-20T09:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2017-01-20T09:01:30.000Z');
  });
});
