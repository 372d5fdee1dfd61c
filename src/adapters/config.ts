// Service configuration from the environment, checked once at start-up with messages that say
// which variable is wrong and what is expected.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadPreferenceMode } from 'mongodb';
import { isIsoDate } from '../domain/dates.js';
import { type CnsRecognitionConfig, readCnsRecognitionConfig } from './crypto/cns-recognition-config.js';
import { integerIn } from './env-integer.js';
import { type ApiKey, parseApiKeys } from './http/api-keys.js';
import { type IntegrationsConfig, readIntegrations } from './integrations-config.js';
import { type MailConfig, readMailConfig } from './mail/mail-config.js';
import { READ_PREFERENCES } from './mongo/mongo-connection.js';
import { REGISTRY_MODES, type RegistryMode } from './registry/fixture-company-registry.js';
import { type RulesSourceConfig, readRulesSourceConfig } from './rules/rules-source-config.js';
import { readSecurityConfig, type SecurityConfig } from './security/security-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** 0 asks the system for a free port. */
  port: number;
  rulesDir: string;
  /** RULES_POLL_MS: how often the rules folder's content is hashed as a backstop to the watcher; 0: never. */
  rulesPollMs: number;
  /** null when API_KEYS is unset: the embedded default then generates one key per role. */
  apiKeys: ApiKey[] | null;
  logLevel: LogLevel;
  /** Signs company and applicant tokens; null when TOKEN_SECRET is unset (random per start). */
  tokenSecret: string | null;
  /** CLOCK_AT (embedded default, demos): the day the clock starts from; null: the real clock. */
  clockAt: string | null;
  /** REGISTRY_FIXTURE: how the embedded business-register fixture answers PEC checks. */
  registryFixture: RegistryMode;
  /** PAGOPA_* and REGISTRY_*: the external services (integrations-config.ts). */
  integrations: IntegrationsConfig;
  /** SMTP_URL and MAIL_FROM (mail/mail-config.ts). */
  mail: MailConfig;
  /** CNS_TRUST_ANCHORS, CNS_TRUSTED_PROXIES, CNS_CLIENT_CERT_HEADER (crypto/cns-recognition-config.ts). */
  cnsRecognition: CnsRecognitionConfig;
  /** MONGODB_URI: every repository on MongoDB (database from the URI's path); null: in memory. */
  mongodbUri: string | null;
  /** SHUTDOWN_GRACE_MS: on SIGTERM, how long requests in flight may take to finish. */
  shutdownGraceMs: number;
  /** REQUEST_DEADLINE_MS: the longest a request may take, receiving its body included. */
  requestDeadlineMs: number;
  /** STORE_TIMEOUT_MS: how long MongoDB may stay silent on one operation before a 503. */
  storeTimeoutMs: number;
  /** DECISIONS_READ_PREFERENCE: where reads of the decision log go on a replica set (default primary). */
  decisionReads: ReadPreferenceMode;
  /** GPD_RETRY_MS: how often payments whose GPD position is pending are retried (0: never in the background). */
  positionRetryMs: number;
  /** NODE_ENV=production: no /v1/dev/* routes, whatever adapters are in use (dev-routes.ts). */
  production: boolean;
  /** RATE_LIMITS, TRUSTED_PROXIES, HASH_CONCURRENCY, HASH_QUEUE, APPLICANT_TOKEN_TTL (security/security-config.ts). */
  security: SecurityConfig;
  /** RULES_SOURCE, RULES_STORE_POLL_MS, INSTANCE_ID (rules/rules-source-config.ts). */
  rulesSource: RulesSourceConfig;
}

/** The content check of rules/ behind the watcher: a save the watcher missed is live within this. */
export const DEFAULT_RULES_POLL_MS = 2_000;

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));

export function readConfig(
  env: Record<string, string | undefined>,
): { ok: true; value: Config } | { ok: false; errors: string[] } {
  const errors: string[] = [];

  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    errors.push(`PORT must be an integer from 0 to 65535, got "${portText}"`);

  const rulesDir = resolve(env.RULES_DIR?.trim() || DEFAULT_RULES_DIR);
  if (!isDirectory(rulesDir)) errors.push(`RULES_DIR must be an existing folder, got "${rulesDir}"`);

  const pollText = env.RULES_POLL_MS?.trim() || String(DEFAULT_RULES_POLL_MS);
  const rulesPollMs = Number(pollText);
  if (!/^\d+$/.test(pollText) || (rulesPollMs > 0 && rulesPollMs < 100) || rulesPollMs > 3_600_000)
    errors.push(`RULES_POLL_MS must be 0 (no poll) or milliseconds from 100 to 3600000, got "${pollText}"`);

  let apiKeys: ApiKey[] | null = null;
  if (env.API_KEYS !== undefined && env.API_KEYS.trim() !== '') {
    const parsed = parseApiKeys(env.API_KEYS);
    if (parsed.ok) apiKeys = parsed.value;
    else errors.push(...parsed.errors);
  }

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const tokenSecret = env.TOKEN_SECRET?.trim() || null;
  if (tokenSecret !== null && tokenSecret.length < 32)
    errors.push('TOKEN_SECRET must be at least 32 characters (it signs login and applicant tokens)');

  const clockAt = env.CLOCK_AT?.trim() || null;
  if (clockAt !== null && !isIsoDate(clockAt))
    errors.push(`CLOCK_AT must be a date (YYYY-MM-DD) that exists, got "${clockAt}"`);

  const registryFixture = (env.REGISTRY_FIXTURE?.trim() || 'normal') as RegistryMode;
  if (!REGISTRY_MODES.includes(registryFixture))
    errors.push(`REGISTRY_FIXTURE must be one of ${REGISTRY_MODES.join(', ')}, got "${registryFixture}"`);

  const integrations = readIntegrations(env, errors);
  const mail = readMailConfig(env, errors);
  const cnsRecognition = readCnsRecognitionConfig(env, errors);
  const security = readSecurityConfig(env, errors);

  const mongodbUri = env.MONGODB_URI?.trim() || null;
  if (mongodbUri !== null && !/^mongodb(\+srv)?:\/\/[^/?#\s]+(\/[^?#\s]*)?(\?\S*)?$/.test(mongodbUri))
    errors.push(
      'MONGODB_URI must be a MongoDB connection string (mongodb://host:port/database or mongodb+srv://…), ' +
        `got "${redactCredentials(mongodbUri)}"`,
    );

  // Instances sharing a store share sessions: a random secret per process would make every other
  // instance refuse the tokens this one issues [#19].
  if (mongodbUri !== null && tokenSecret === null)
    errors.push(
      'TOKEN_SECRET is required with MONGODB_URI: every instance on the same store must sign and check tokens with the same secret',
    );

  const rulesSource = readRulesSourceConfig(env, mongodbUri, errors);

  const shutdownGraceMs = integerIn(env, 'SHUTDOWN_GRACE_MS', 10000, 0, 600000, errors);

  const requestDeadlineMs = integerIn(env, 'REQUEST_DEADLINE_MS', 30000, 100, 600000, errors);

  const storeTimeoutMs = integerIn(env, 'STORE_TIMEOUT_MS', 1500, 100, 60000, errors);

  const decisionReads = (env.DECISIONS_READ_PREFERENCE?.trim() || 'primary') as ReadPreferenceMode;
  if (!READ_PREFERENCES.includes(decisionReads))
    errors.push(
      `DECISIONS_READ_PREFERENCE must be one of ${READ_PREFERENCES.join(', ')}, got "${decisionReads}"`,
    );

  const positionRetryMs = integerIn(env, 'GPD_RETRY_MS', 15000, 0, 3600000, errors);

  return errors.length > 0
    ? { ok: false, errors }
    : {
        ok: true,
        value: {
          port,
          rulesDir,
          rulesPollMs,
          apiKeys,
          logLevel,
          tokenSecret,
          clockAt,
          registryFixture,
          integrations,
          mail,
          cnsRecognition,
          mongodbUri,
          shutdownGraceMs,
          requestDeadlineMs,
          storeTimeoutMs,
          decisionReads,
          positionRetryMs,
          production: env.NODE_ENV?.trim() === 'production',
          security,
          rulesSource,
        },
      };
}

/** A connection string with its password hidden, for messages and the banner. */
export const redactCredentials = (uri: string): string => uri.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
