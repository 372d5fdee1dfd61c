// Security settings for tests: the defaults without rate limits, for suites about other things that
// send many requests from one client; the suites about limits configure their own.
import {
  DEFAULT_SECURITY_CONFIG,
  RATE_LIMITED_ACTIONS,
  type RateLimitRules,
  type SecurityConfig,
} from '../../src/adapters/security/security-config.js';

export const NO_RATE_LIMITS = Object.fromEntries(
  RATE_LIMITED_ACTIONS.map((action) => [action, { client: null, account: null }]),
) as RateLimitRules;

export const WITHOUT_RATE_LIMITS: SecurityConfig = { ...DEFAULT_SECURITY_CONFIG, rateLimits: NO_RATE_LIMITS };
