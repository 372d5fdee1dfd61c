// [§6] PAGOPA_* and REGISTRY_*: unset, the embedded simulator and fixture; set, checked with
// messages that name the variable and what it expects.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/adapters/config.js';
import { describeIntegrations } from '../../src/adapters/integrations-config.js';

const errorsOf = (env: Record<string, string>) => {
  const config = readConfig(env);
  return config.ok ? [] : config.errors;
};

describe('pagoPA and registry configuration', () => {
  it('defaults to the embedded simulator and fixture, 60 calls a minute, 2 s timeout', () => {
    const config = readConfig({});
    expect(config.ok && config.value.integrations).toEqual({
      pagopa: null,
      registry: { url: null, ratePerMinute: 60, timeoutMs: 2_000 },
    });
    expect(config.ok && describeIntegrations(config.value.integrations, 'normal')).toEqual([
      expect.stringContaining('embedded GPD simulator'),
      expect.stringContaining('embedded registry fixture'),
    ]);
  });

  it('reads GPD and InfoCamere over HTTP', () => {
    const config = readConfig({
      PAGOPA_GPD_URL: 'https://api.uat.platform.pagopa.it/gpd/debt-positions-service/v1',
      PAGOPA_SUBSCRIPTION_KEY: 'abc123',
      REGISTRY_URL: 'http://127.0.0.1:9000/infocamere',
      REGISTRY_RATE_PER_MINUTE: '30',
      REGISTRY_TIMEOUT_MS: '1500',
    });
    expect(config.ok && config.value.integrations).toEqual({
      pagopa: {
        gpdUrl: 'https://api.uat.platform.pagopa.it/gpd/debt-positions-service/v1',
        subscriptionKey: 'abc123',
      },
      registry: { url: 'http://127.0.0.1:9000/infocamere', ratePerMinute: 30, timeoutMs: 1500 },
    });
    expect(config.ok && describeIntegrations(config.value.integrations, 'normal').join('\n')).toMatch(
      /GPD over HTTP at https:.*\n.*InfoCamere over HTTP at http:\/\/127\.0\.0\.1:9000.*30 calls\/min/,
    );
  });

  it.each([
    [
      { PAGOPA_GPD_URL: 'ftp://gpd', PAGOPA_SUBSCRIPTION_KEY: 'k' },
      /PAGOPA_GPD_URL must be an http\(s\) URL/,
    ],
    [{ PAGOPA_GPD_URL: 'https://gpd.example' }, /PAGOPA_SUBSCRIPTION_KEY is required/],
    [{ PAGOPA_SUBSCRIPTION_KEY: 'k' }, /PAGOPA_GPD_URL is not/],
    [{ REGISTRY_URL: 'not a url' }, /REGISTRY_URL must be an http\(s\) URL/],
    [{ REGISTRY_RATE_PER_MINUTE: '0' }, /REGISTRY_RATE_PER_MINUTE must be an integer from 1/],
    [{ REGISTRY_RATE_PER_MINUTE: '6.5' }, /REGISTRY_RATE_PER_MINUTE must be an integer/],
    [{ REGISTRY_TIMEOUT_MS: 'soon' }, /REGISTRY_TIMEOUT_MS must be an integer from 100 to 60000, got "soon"/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(errorsOf(env).join('\n')).toMatch(message);
  });
});
