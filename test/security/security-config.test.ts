// RATE_LIMITS, TRUSTED_PROXIES, HASH_CONCURRENCY, HASH_QUEUE and APPLICANT_TOKEN_TTL: defaults when
// unset, overrides merged with them, and a message naming the variable for each wrong value.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/adapters/config.js';
import { DEFAULT_SECURITY_CONFIG } from '../../src/adapters/security/security-config.js';

const read = (env: Record<string, string>) => readConfig(env);

describe('security configuration', () => {
  it('has defaults', () => {
    const config = read({});
    expect(config.ok && config.value.security).toEqual(DEFAULT_SECURITY_CONFIG);
  });

  it('merges overrides with the defaults', () => {
    const config = read({
      RATE_LIMITS: 'login.client=100/1m, registration.account=off,cns-recognition.account=3/2h',
      TRUSTED_PROXIES: '10.0.0.1, ::1',
      HASH_CONCURRENCY: '2',
      HASH_QUEUE: '0',
      APPLICANT_TOKEN_TTL: '3600',
    });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const { rateLimits, trustedProxies, hashing, applicantTokenTtlSeconds } = config.value.security;
    expect(rateLimits.login).toEqual({
      client: { limit: 100, windowSeconds: 60 },
      account: DEFAULT_SECURITY_CONFIG.rateLimits.login.account,
    });
    expect(rateLimits.registration.account).toBeNull();
    expect(rateLimits['cns-recognition'].account).toEqual({ limit: 3, windowSeconds: 7200 });
    expect(trustedProxies).toEqual(['10.0.0.1', '::1']);
    expect(hashing).toEqual({ maxInFlight: 2, maxWaiting: 0 });
    expect(applicantTokenTtlSeconds).toBe(3600);
  });

  it('names each wrong variable', () => {
    const config = read({
      RATE_LIMITS: 'logon.client=1/60s,login.client=0/60s,login.account=5',
      TRUSTED_PROXIES: 'proxy.example.it',
      HASH_CONCURRENCY: '0',
      HASH_QUEUE: 'many',
      APPLICANT_TOKEN_TTL: '10',
    });
    expect(config.ok).toBe(false);
    const errors = config.ok ? [] : config.errors;
    expect(errors.filter((e) => e.startsWith('RATE_LIMITS'))).toHaveLength(3);
    for (const name of ['TRUSTED_PROXIES', 'HASH_CONCURRENCY', 'HASH_QUEUE', 'APPLICANT_TOKEN_TTL'])
      expect(errors.some((e) => e.startsWith(name))).toBe(true);
  });
});
