// [§5] Rate limits and the hashing queue over HTTP. Attacks on the code before #16: 1,000 logins
// from one client each cost a scrypt computation (and could suspend a company per five), and a
// burst of logins queued hashing without bound.
import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../src/adapters/memory/memory-rate-limiter.js';
import { BoundedPasswordHasher } from '../../src/adapters/security/bounded-password-hasher.js';
import {
  DEFAULT_SECURITY_CONFIG,
  parseRateLimits,
  type SecurityConfig,
} from '../../src/adapters/security/security-config.js';
import { memoryStores } from '../../src/adapters/stores.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { PasswordHasher } from '../../src/application/ports/password-hasher.js';
import { NO_RATE_LIMITS } from '../support/security.js';
import { type AlboService, BIANCHI, KEYS, ROSSI, registrationOf, startAlbo } from './support.js';

/** Counts the computations that reach the hasher. */
function counting(inner: PasswordHasher, delayMs = 0) {
  const seen = { computations: 0, running: 0, maxRunning: 0 };
  const run = async <T>(work: () => Promise<T>) => {
    seen.computations++;
    seen.running++;
    seen.maxRunning = Math.max(seen.maxRunning, seen.running);
    try {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      return await work();
    } finally {
      seen.running--;
    }
  };
  const hasher: PasswordHasher = {
    hash: (p) => run(() => inner.hash(p)),
    verify: (p, h) => run(() => inner.verify(p, h)),
  };
  return { hasher, seen };
}

/** A login as sent by a client at `address` (the socket's peer), optionally through a proxy. */
function login(service: AlboService, matricola: string, address: string, forwardedFor?: string) {
  const app = resolve(service.container, TOKENS.HttpApp);
  return app.request(
    '/v1/albo/sessions',
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEYS.service}`,
        'content-type': 'application/json',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      body: JSON.stringify({ matricola, password: 'Indovino#1' }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

const matricola = (n: number) => `IT${String(n).padStart(8, '0')}`;

/** The limits given, counted on a clock that stays inside one window. */
async function limitedService(security: SecurityConfig, wrapHasher?: (h: PasswordHasher) => PasswordHasher) {
  const stores = {
    ...memoryStores(),
    rateLimiter: new MemoryRateLimiter(() => Date.UTC(2026, 0, 5, 10, 0, 15)),
  };
  return startAlbo(undefined, { security, stores, ...(wrapHasher ? { wrapHasher } : {}) });
}

describe('rate limits', () => {
  it('1,000 logins from one client in a minute: 429s, and no more hash computations than the limit allows', async () => {
    let seen = { computations: 0 };
    const service = await limitedService(DEFAULT_SECURITY_CONFIG, (hasher) => {
      const spy = counting(hasher);
      seen = spy.seen;
      return spy.hasher;
    });
    const limit = DEFAULT_SECURITY_CONFIG.rateLimits.login.client?.limit ?? 0;
    expect(limit).toBeGreaterThan(0);
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) => login(service, matricola(batch * 100 + i), '203.0.113.7')),
      );
      statuses.push(...responses.map((r) => r.status));
      const last = responses.at(-1) as Response;
      if (batch === 9) {
        expect(last.status).toBe(429);
        expect(last.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Number(last.headers.get('retry-after'))).toBe(45);
        expect(await last.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 45 });
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - limit);
    // One verification per admitted login, plus the decoy hash computed once for unknown matricolas.
    expect(seen.computations).toBeLessThanOrEqual(limit + 1);
    // Another client is not affected.
    expect((await login(service, matricola(1), '198.51.100.1')).status).toBe(401);
  });

  it('limits attempts on one account whichever clients they come from', async () => {
    const security = { ...DEFAULT_SECURITY_CONFIG, rateLimits: parseRateLimits('login.account=3/60s', []) };
    const service = await limitedService(security);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(service, matricola(42), `192.0.2.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect((await login(service, matricola(43), '192.0.2.9')).status).toBe(401);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const rateLimits = {
      ...NO_RATE_LIMITS,
      login: { client: { limit: 2, windowSeconds: 60 }, account: null },
    };
    const service = await limitedService({
      ...DEFAULT_SECURITY_CONFIG,
      rateLimits,
      trustedProxies: ['10.0.0.1'],
    });
    // Through the proxy, two citizens are two clients.
    const viaProxy = [];
    for (const citizen of ['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2'])
      viaProxy.push((await login(service, matricola(1), '10.0.0.1', citizen)).status);
    expect(viaProxy).toEqual([401, 401, 401, 401]);
    expect((await login(service, matricola(1), '10.0.0.1', '203.0.113.1')).status).toBe(429);
    // A client that writes the header itself is still counted by its own address; so is an address
    // it prepends before a proxy's.
    const spoofed = [];
    for (let i = 0; i < 3; i++)
      spoofed.push((await login(service, matricola(1), '198.51.100.5', `203.0.113.${50 + i}`)).status);
    expect(spoofed).toEqual([401, 401, 429]);
    expect((await login(service, matricola(1), '10.0.0.1', '203.0.113.99, 203.0.113.2')).status).toBe(429);
  });

  it('covers registrations and password reset requests', async () => {
    const rateLimits = parseRateLimits('registration.client=1/60s,reset-request.client=1/60s', []);
    const service = await limitedService({ ...DEFAULT_SECURITY_CONFIG, rateLimits });
    const reset = {
      subject: 'RESET PASSWORD',
      matricola: matricola(7),
      registerNumber: ROSSI.registerNumber,
      phone: '011 5678901',
    };
    const first = await service.call('POST', '/v1/albo/password-resets', 'service', reset);
    expect(((await first.json()) as { code: string }).code).toBe('RESET_REQUEST_NOT_MATCHED');
    expect((await service.call('POST', '/v1/albo/password-resets', 'service', reset)).status).toBe(429);
    expect(
      (await service.call('POST', '/v1/albo/registrations', 'service', registrationOf(ROSSI))).status,
    ).toBe(201);
    expect(
      (await service.call('POST', '/v1/albo/registrations', 'service', registrationOf(BIANCHI))).status,
    ).toBe(429);
  });
});

describe('the hashing queue', () => {
  it('answers 503 BUSY with Retry-After beyond the queue, and never runs more computations at once than allowed', async () => {
    let seen = { computations: 0, maxRunning: 0 };
    const security = { ...DEFAULT_SECURITY_CONFIG, rateLimits: NO_RATE_LIMITS };
    const service = await limitedService(security, (hasher) => {
      const spy = counting(hasher, 20);
      seen = spy.seen;
      return new BoundedPasswordHasher(spy.hasher, { maxInFlight: 2, maxWaiting: 4 });
    });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(service, matricola(i), `192.0.2.${i}`)),
    );
    const busy = responses.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(responses.filter((r) => r.status === 401).length + busy.length).toBe(40);
    expect(busy[0]?.headers.get('retry-after')).toBe('1');
    expect(await busy[0]?.json()).toMatchObject({ code: 'BUSY', status: 503 });
    expect(seen.maxRunning).toBeLessThanOrEqual(2);
    expect(seen.computations).toBeLessThan(40);
  });
});
