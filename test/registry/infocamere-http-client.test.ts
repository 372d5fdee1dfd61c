// [§6 InfoCamere] The PEC check over HTTP, behind the guard, against a loopback stub that counts
// calls per minute: the CompanyRegistry contract; a burst of 10,000 lookups never exceeds the
// configured rate in any minute; cache hits cost nothing; a silent registry times out; repeated
// failures open the circuit, which fails fast and recovers after the cool-down; registration then
// gets REGISTRY_UNAVAILABLE, which suggests the simplified mode.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { buildContainer } from '../../src/adapters/composition-root.js';
import type { ApiKey, Role } from '../../src/adapters/http/api-keys.js';
import { FixtureCompanyRegistry } from '../../src/adapters/registry/fixture-company-registry.js';
import {
  GuardedCompanyRegistry,
  type RegistryGuardOptions,
} from '../../src/adapters/registry/guarded-company-registry.js';
import { InfoCamereHttpClient } from '../../src/adapters/registry/infocamere-http-client.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import { resolve } from '../../src/adapters/tokens.js';
import { BIANCHI, ROSSI, registrationOf } from '../albo/support.js';
import { companyRegistryContract } from '../contracts/albo-company-registry.contract.js';
import { KEYS } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';
import { type InfoCamereStub, startInfoCamereStub } from './infocamere-stub.js';

/** The test clock (ms), shared by the guard and the stub's call log. */
let now = 0;
let stub: InfoCamereStub;

beforeAll(async () => {
  stub = await startInfoCamereStub(() => now);
});
afterAll(() => stub.close());
beforeEach(() => {
  now = 0;
  stub.mode = 'normal';
  stub.calls.length = 0;
  stub.asked.length = 0;
});

function guarded(options: Partial<RegistryGuardOptions> = {}) {
  const client = new InfoCamereHttpClient(
    { baseUrl: stub.url, timeoutMs: 1_000 },
    new FixtureCompanyRegistry(),
  );
  return new GuardedCompanyRegistry(
    client,
    { timeoutMs: 1_000, maxCallsPerMinute: 60, cacheTtlMs: 10 * 60_000, ...options },
    () => now,
  );
}

companyRegistryContract('InfoCamere over HTTP', async () => guarded(), ROSSI);

describe('the PEC check over HTTP', () => {
  it('never exceeds the configured rate in any minute, through a burst of 10,000 lookups', async () => {
    const registry = guarded({ maxCallsPerMinute: 60 });
    const fiscalCodes = Array.from({ length: 10_000 }, (_, i) =>
      i % 10 === 0 ? ROSSI.fiscalCode : String(20_000_000_000 + i),
    );
    const answers = [];
    // 100 waves of 100 concurrent registrations, 1.5 s apart on the test clock: 2.5 minutes.
    for (let wave = 0; wave < 100; wave++) {
      answers.push(
        ...(await Promise.all(
          fiscalCodes.slice(wave * 100, wave * 100 + 100).map((cf) => registry.lookup(cf)),
        )),
      );
      now += 1_500;
    }
    expect(stub.maxCallsInAMinute()).toBeLessThanOrEqual(60);
    // The capacity is used again as minutes pass, not just once.
    expect(stub.calls.length).toBeGreaterThan(120);
    // Every lookup was answered: by InfoCamere, by the cache, or "unavailable" for the capacity.
    expect(answers).toHaveLength(10_000);
    const reasons = answers.flatMap((a) => (a.status === 'unavailable' ? [a.reason] : []));
    expect(new Set(reasons)).toEqual(new Set(['capacity per minute reached']));
    expect(stub.asked.filter((cf) => cf === ROSSI.fiscalCode)).toHaveLength(1);
  });

  it('answers a repeated lookup from the cache, without calling', async () => {
    const registry = guarded();
    expect(await registry.lookup(ROSSI.fiscalCode)).toMatchObject({
      status: 'found',
      company: { pec: ROSSI.pec },
    });
    expect(await registry.lookup(` ${ROSSI.fiscalCode.toLowerCase()} `)).toMatchObject({ status: 'found' });
    expect(await registry.lookup('00000000000')).toEqual({ status: 'not-found' });
    expect(await registry.lookup('00000000000')).toEqual({ status: 'not-found' });
    expect(stub.asked).toEqual([ROSSI.fiscalCode, '00000000000']);
  });

  it('answers unavailable after the timeout when the registry does not answer, never hanging', async () => {
    stub.mode = 'silent';
    const registry = guarded({ timeoutMs: 200 });
    const started = performance.now();
    expect(await registry.lookup(ROSSI.fiscalCode)).toEqual({
      status: 'unavailable',
      reason: 'no answer within 200 ms',
    });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('opens the circuit after K failures in a row, fails fast during the cool-down, then recovers', async () => {
    stub.mode = 'failing';
    const registry = guarded({ breakerFailures: 3, breakerCooldownMs: 30_000 });
    for (let i = 0; i < 3; i++)
      expect(await registry.lookup(ROSSI.fiscalCode)).toEqual({
        status: 'unavailable',
        reason: 'InfoCamere answered HTTP 503',
      });
    const open = { status: 'unavailable', reason: 'circuit open after repeated failures' };
    expect(await registry.lookup(BIANCHI.fiscalCode)).toEqual(open);
    now += 29_999;
    expect(await registry.lookup(BIANCHI.fiscalCode)).toEqual(open);
    expect(stub.calls).toHaveLength(3);

    // Half-open: one trial; it fails, so the circuit opens again for a whole cool-down.
    now += 1;
    expect(await registry.lookup(BIANCHI.fiscalCode)).toMatchObject({
      reason: 'InfoCamere answered HTTP 503',
    });
    expect(await registry.lookup(BIANCHI.fiscalCode)).toEqual(open);
    expect(stub.calls).toHaveLength(4);

    // The registry is back: the next trial closes the circuit, and only one trial went out.
    stub.mode = 'normal';
    now += 30_000;
    const [trial, concurrent] = await Promise.all([
      registry.lookup(BIANCHI.fiscalCode),
      registry.lookup(ROSSI.fiscalCode),
    ]);
    expect(trial).toMatchObject({ status: 'found' });
    expect(concurrent).toEqual(open);
    expect(await registry.lookup(ROSSI.fiscalCode)).toMatchObject({ status: 'found' });
    expect(stub.calls).toHaveLength(6);
  });

  it('makes registration answer REGISTRY_UNAVAILABLE, suggesting the simplified mode, when wired by REGISTRY_URL', async () => {
    stub.mode = 'failing';
    const apiKeys: ApiKey[] = Object.entries(KEYS).map(([role, key]) => ({
      role: role as Role,
      key,
      label: `${role}-1`,
    }));
    const container = buildContainer({
      port: 0,
      rulesDir: RULES_DIR,
      apiKeys,
      logLevel: 'silent',
      passwordHashCost: 1 << 4,
      integrations: { pagopa: null, registry: { url: stub.url, ratePerMinute: 60, timeoutMs: 500 } },
    });
    await loadRules(container);
    const result = await resolve(container, ALBO_TOKENS.UseCases).register.execute(registrationOf(ROSSI));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', violations: [{ code: 'REGISTRY_UNAVAILABLE' }] },
    });
    expect(JSON.stringify(!result.ok && result.error)).toMatch(/semplificata|simplified/);
    expect(stub.asked).toEqual([ROSSI.fiscalCode]);
  });
});
