// The external services' part of the configuration [§6]: pagoPA GPD and the InfoCamere PEC check.
// Unset, the embedded default runs (the pagoPA simulator in process, the registry fixture).
import { integerIn } from './env-integer.js';

export interface PagoPaConfig {
  /** PAGOPA_GPD_URL: GPD's debt-position-services base URL (…/gpd/debt-positions-service/v1). */
  gpdUrl: string;
  /** PAGOPA_SUBSCRIPTION_KEY: sent as Ocp-Apim-Subscription-Key. */
  subscriptionKey: string;
}

export interface RegistryConfig {
  /** REGISTRY_URL: the PEC-check JSON API (infocamere-http-client.ts); null: the embedded fixture. */
  url: string | null;
  /**
   * REGISTRY_RATE_PER_MINUTE: InfoCamere's capacity for us, in any 60 s and, on MongoDB, for all
   * instances together; calls beyond it answer unavailable.
   */
  ratePerMinute: number;
  /** REGISTRY_TIMEOUT_MS: longer than this, the check answers unavailable. */
  timeoutMs: number;
}

export interface IntegrationsConfig {
  pagopa: PagoPaConfig | null;
  registry: RegistryConfig;
}

export const DEFAULT_REGISTRY_CONFIG: RegistryConfig = { url: null, ratePerMinute: 60, timeoutMs: 2_000 };

/** Reads the variables; every problem goes to `errors`, naming the variable and what it expects. */
export function readIntegrations(
  env: Record<string, string | undefined>,
  errors: string[],
): IntegrationsConfig {
  const gpdUrl = env.PAGOPA_GPD_URL?.trim() || null;
  const subscriptionKey = env.PAGOPA_SUBSCRIPTION_KEY?.trim() || null;
  if (gpdUrl !== null && !isHttpUrl(gpdUrl))
    errors.push(`PAGOPA_GPD_URL must be an http(s) URL (GPD's base URL), got "${gpdUrl}"`);
  if (gpdUrl !== null && subscriptionKey === null)
    errors.push('PAGOPA_SUBSCRIPTION_KEY is required when PAGOPA_GPD_URL is set (GPD subscription key)');
  if (gpdUrl === null && subscriptionKey !== null)
    errors.push(
      'PAGOPA_SUBSCRIPTION_KEY is set but PAGOPA_GPD_URL is not: set both, or neither for the simulator',
    );

  const url = env.REGISTRY_URL?.trim() || null;
  if (url !== null && !isHttpUrl(url)) errors.push(`REGISTRY_URL must be an http(s) URL, got "${url}"`);
  const ratePerMinute = integerIn(
    env,
    'REGISTRY_RATE_PER_MINUTE',
    DEFAULT_REGISTRY_CONFIG.ratePerMinute,
    1,
    100_000,
    errors,
  );
  const timeoutMs = integerIn(
    env,
    'REGISTRY_TIMEOUT_MS',
    DEFAULT_REGISTRY_CONFIG.timeoutMs,
    100,
    60_000,
    errors,
  );

  return {
    pagopa: gpdUrl && subscriptionKey ? { gpdUrl, subscriptionKey } : null,
    registry: { url, ratePerMinute, timeoutMs },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** For the start-up banner: which adapter serves pagoPA and the PEC check. */
export function describeIntegrations(config: IntegrationsConfig, registryFixture: string): string[] {
  const { pagopa, registry } = config;
  const guard = `at most ${registry.ratePerMinute} calls/min, timeout ${registry.timeoutMs} ms, cached, circuit breaker`;
  return [
    pagopa
      ? `pagoPA: GPD over HTTP at ${pagopa.gpdUrl}`
      : 'pagoPA: embedded GPD simulator (pay a notice: POST /v1/dev/pagopa/payments)',
    registry.url
      ? `PEC check: InfoCamere over HTTP at ${registry.url} (${guard})`
      : `PEC check: embedded registry fixture, answering ${registryFixture} (${guard})`,
  ];
}
