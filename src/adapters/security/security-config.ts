// The operational limits that protect sign-in and the CPU [§5]: rate limits per client and per
// account, the proxies whose X-Forwarded-For is believed, the password-hashing queue and the
// lifetime of applicant tokens. Numbers a policy maintainer could change live in rules/; these are
// the operator's, from the environment with defaults.
import { isIP } from 'node:net';
import type { RateLimit } from '../../application/ports/rate-limiter.js';
import { integerIn } from '../env-integer.js';

export const RATE_LIMITED_ACTIONS = [
  'login',
  'password-change',
  'registration',
  'reset-request',
  'cns-application',
  'cns-recognition',
] as const;
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];

/** Per client (its IP address) and per account (matricola, fiscal code or application id); null: no limit. */
export type RateLimitRules = Record<
  RateLimitedAction,
  { client: RateLimit | null; account: RateLimit | null }
>;

const per = (limit: number, windowSeconds: number): RateLimit => ({ limit, windowSeconds });

/**
 * A person mistyping stays far below these; one client cannot suspend more than a few companies a
 * minute (login: 20 attempts, 5 wrong ones suspend), nor file applications or registrations in bulk.
 */
export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  login: { client: per(20, 60), account: per(10, 60) },
  'password-change': { client: per(20, 60), account: per(5, 60) },
  registration: { client: per(10, 60), account: per(5, 3600) },
  'reset-request': { client: per(10, 60), account: per(5, 3600) },
  'cns-application': { client: per(10, 60), account: per(5, 3600) },
  'cns-recognition': { client: per(20, 60), account: per(10, 600) },
};

export interface HashingLimits {
  /** HASH_CONCURRENCY: scrypt computations running at once. */
  maxInFlight: number;
  /** HASH_QUEUE: computations waiting for a turn; beyond it, 503 BUSY. */
  maxWaiting: number;
}

export const DEFAULT_HASHING_LIMITS: HashingLimits = { maxInFlight: 4, maxWaiting: 64 };

export const DEFAULT_APPLICANT_TOKEN_TTL_SECONDS = 24 * 3600;

export interface SecurityConfig {
  rateLimits: RateLimitRules;
  /** TRUSTED_PROXIES: peers whose X-Forwarded-For names the client; empty: the peer is the client. */
  trustedProxies: string[];
  hashing: HashingLimits;
  /** APPLICANT_TOKEN_TTL: seconds a CNS applicant's token lasts. */
  applicantTokenTtlSeconds: number;
}

export const DEFAULT_SECURITY_CONFIG: SecurityConfig = {
  rateLimits: DEFAULT_RATE_LIMITS,
  trustedProxies: [],
  hashing: DEFAULT_HASHING_LIMITS,
  applicantTokenTtlSeconds: DEFAULT_APPLICANT_TOKEN_TTL_SECONDS,
};

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/**
 * RATE_LIMITS: comma-separated `<action>.<client|account>=<count>/<window>` (window `30s`, `15m`,
 * `1h`) or `=off`, each overriding its default: `login.client=50/60s,registration.account=off`.
 */
export function parseRateLimits(text: string, errors: string[]): RateLimitRules {
  const rules: RateLimitRules = structuredClone(DEFAULT_RATE_LIMITS);
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const match = /^([a-z-]+)\.(client|account)=(?:(off)|(\d+)\/(\d+)([smh]))$/.exec(entry);
    const action = match?.[1] as RateLimitedAction | undefined;
    if (!match || !action || !RATE_LIMITED_ACTIONS.includes(action)) {
      errors.push(
        `RATE_LIMITS: "${entry}" must be <action>.<client|account>=<count>/<window>[s|m|h] or =off, ` +
          `with action one of ${RATE_LIMITED_ACTIONS.join(', ')}`,
      );
      continue;
    }
    const scope = match[2] as 'client' | 'account';
    if (match[3]) {
      rules[action][scope] = null;
      continue;
    }
    const limit = Number(match[4]);
    const windowSeconds = Number(match[5]) * (UNIT_SECONDS[match[6] ?? 's'] ?? 1);
    if (limit < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
      errors.push(`RATE_LIMITS: "${entry}" needs a count of at least 1 and a window from 1 s to 24 h`);
      continue;
    }
    rules[action][scope] = per(limit, windowSeconds);
  }
  return rules;
}

/** Reads RATE_LIMITS, TRUSTED_PROXIES, HASH_CONCURRENCY, HASH_QUEUE and APPLICANT_TOKEN_TTL. */
export function readSecurityConfig(
  env: Record<string, string | undefined>,
  errors: string[],
): SecurityConfig {
  const rateLimits = parseRateLimits(env.RATE_LIMITS ?? '', errors);
  const trustedProxies = (env.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const proxy of trustedProxies)
    if (isIP(proxy) === 0) errors.push(`TRUSTED_PROXIES must list IP addresses, got "${proxy}"`);
  return {
    rateLimits,
    trustedProxies,
    hashing: {
      maxInFlight: integerIn(env, 'HASH_CONCURRENCY', DEFAULT_HASHING_LIMITS.maxInFlight, 1, 256, errors),
      maxWaiting: integerIn(env, 'HASH_QUEUE', DEFAULT_HASHING_LIMITS.maxWaiting, 0, 100_000, errors),
    },
    applicantTokenTtlSeconds: integerIn(
      env,
      'APPLICANT_TOKEN_TTL',
      DEFAULT_APPLICANT_TOKEN_TTL_SECONDS,
      60,
      90 * 24 * 3600,
      errors,
    ),
  };
}
