// Start-up configuration: every wrong variable is named with what is expected [§5][§6].
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/adapters/config.js';
import { ApiKeyring, generateApiKeys, parseApiKeys, ROLES } from '../../src/adapters/http/api-keys.js';

const KEY = 'k'.repeat(20);

describe('API_KEYS', () => {
  it('parses key:role pairs', () => {
    expect(parseApiKeys(`${KEY}1:service, ${KEY}2:admin`)).toEqual({
      ok: true,
      value: [
        { key: `${KEY}1`, role: 'service', label: 'service-1' },
        { key: `${KEY}2`, role: 'admin', label: 'admin-1' },
      ],
    });
  });

  it('takes a label before the key (label=key:role), and derives one from the role otherwise', () => {
    expect(
      parseApiKeys(`helpdesk-1=${KEY}1:admin, ${KEY}2:admin, pagopa=${KEY}3:payment-provider, ${KEY}4:admin`),
    ).toEqual({
      ok: true,
      value: [
        { key: `${KEY}1`, role: 'admin', label: 'helpdesk-1' },
        { key: `${KEY}2`, role: 'admin', label: 'admin-2' },
        { key: `${KEY}3`, role: 'payment-provider', label: 'pagopa' },
        { key: `${KEY}4`, role: 'admin', label: 'admin-3' },
      ],
    });
    const keyring = new ApiKeyring([{ key: `${KEY}1`, role: 'admin', label: 'helpdesk-1' }]);
    expect(keyring.holderOf(`${KEY}1`)).toEqual({ role: 'admin', label: 'helpdesk-1' });
  });

  it.each([
    [`a=${KEY}1:admin,a=${KEY}2:admin`, /label "a" is used twice/],
    [`admin-2=${KEY}1:service,${KEY}2:admin,${KEY}3:admin`, /label "admin-2" is used twice/],
    [`${KEY}:root`, /unknown role "root"/],
    [`${KEY}`, /exactly "key:role"/],
    [`${KEY}:admin:x`, /exactly "key:role"/],
    ['short:admin', /at least 16 characters/],
    [`${KEY}:admin,,`, /entry 2 of 3 is empty/],
    [`${KEY}:admin,${KEY}:auditor`, /listed twice/],
  ])('refuses %j with a clear message', (text, message) => {
    const result = parseApiKeys(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });

  it('never repeats a whole key in an error', () => {
    const result = parseApiKeys(`${KEY}secret:root`);
    expect(!result.ok && result.errors.join('\n')).not.toContain(`${KEY}secret`);
  });

  it('generates one distinct key per role, each recognised by the keyring', () => {
    const keys = generateApiKeys();
    expect(keys.map((k) => k.role)).toEqual([...ROLES]);
    expect(new Set(keys.map((k) => k.key)).size).toBe(ROLES.length);
    expect(parseApiKeys(keys.map((k) => `${k.key}:${k.role}`).join(',')).ok).toBe(true);
    const keyring = new ApiKeyring(keys);
    for (const k of keys) expect(keyring.roleOf(k.key)).toBe(k.role);
    expect(keyring.roleOf('unknown')).toBeNull();
    // Asked again (found keys are remembered): same answers, and a near miss is still unknown.
    for (const k of keys) expect(keyring.roleOf(k.key)).toBe(k.role);
    for (const k of keys) expect(keyring.roleOf(`${k.key}x`)).toBeNull();
    expect(keyring.roleOf('unknown')).toBeNull();
  });
});

describe('readConfig', () => {
  it('defaults to port 8080, the repository rules/ and generated keys', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ ok: true, value: { port: 8080, apiKeys: null, logLevel: 'info' } });
    expect(config.ok && config.value.rulesDir).toMatch(/rules$/);
  });

  it('names every wrong variable', () => {
    const config = readConfig({ PORT: '80a', RULES_DIR: '/no/such/dir', API_KEYS: 'x:y', LOG_LEVEL: 'loud' });
    expect(config.ok).toBe(false);
    const text = !config.ok ? config.errors.join('\n') : '';
    for (const name of ['PORT', 'RULES_DIR', 'API_KEYS', 'LOG_LEVEL']) expect(text).toContain(name);
  });

  it('reads RULES_POLL_MS: 2000 by default, 0 for the watcher alone, nothing below 100', () => {
    expect(readConfig({})).toMatchObject({ ok: true, value: { rulesPollMs: 2000 } });
    expect(readConfig({ RULES_POLL_MS: '0' })).toMatchObject({ ok: true, value: { rulesPollMs: 0 } });
    expect(readConfig({ RULES_POLL_MS: '500' })).toMatchObject({ ok: true, value: { rulesPollMs: 500 } });
    for (const wrong of ['50', '-1', '2s'])
      expect(readConfig({ RULES_POLL_MS: wrong })).toMatchObject({
        ok: false,
        errors: [expect.stringContaining('RULES_POLL_MS')],
      });
  });

  it('requires TOKEN_SECRET with MONGODB_URI: instances sharing a store must accept each other’s sessions', () => {
    const uri = 'mongodb://127.0.0.1:27017/pa';
    expect(readConfig({ MONGODB_URI: uri })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('TOKEN_SECRET')],
    });
    expect(readConfig({ MONGODB_URI: uri, TOKEN_SECRET: 'x'.repeat(32) })).toMatchObject({ ok: true });
  });

  it('reads the production timeouts with their defaults', () => {
    expect(readConfig({})).toMatchObject({
      ok: true,
      value: {
        requestDeadlineMs: 30_000,
        storeTimeoutMs: 1_500,
        shutdownGraceMs: 10_000,
        positionRetryMs: 15_000,
        decisionReads: 'primary',
      },
    });
    expect(readConfig({ GPD_RETRY_MS: '0', DECISIONS_READ_PREFERENCE: 'secondaryPreferred' })).toMatchObject({
      ok: true,
      value: { positionRetryMs: 0, decisionReads: 'secondaryPreferred' },
    });
    for (const [name, wrong] of [
      ['REQUEST_DEADLINE_MS', '10'],
      ['STORE_TIMEOUT_MS', 'soon'],
      ['SHUTDOWN_GRACE_MS', '-1'],
      ['GPD_RETRY_MS', 'often'],
      ['DECISIONS_READ_PREFERENCE', 'any'],
    ])
      expect(readConfig({ [name as string]: wrong })).toMatchObject({
        ok: false,
        errors: [expect.stringContaining(name as string)],
      });
  });
});
