// The configuration the service runs with, as the composition root and startService read it.
import type { ReadPreferenceMode } from 'mongodb';
import type { Config } from './config.js';
import type { CnsRecognitionConfig } from './crypto/cns-recognition-config.js';
import type { Argon2Params } from './crypto/openpgp-code-sealer.js';
import type { ApiKey } from './http/api-keys.js';
import type { IntegrationsConfig } from './integrations-config.js';
import type { MailConfig } from './mail/mail-config.js';
import type { RegistryMode } from './registry/fixture-company-registry.js';
import type { RulesSourceConfig } from './rules/rules-source-config.js';
import type { SecurityConfig } from './security/security-config.js';

/** The configuration the service runs with: API keys are settled (given or generated) by then. */
export interface ServiceConfig
  extends Omit<
    Config,
    | 'apiKeys'
    | 'tokenSecret'
    | 'clockAt'
    | 'registryFixture'
    | 'integrations'
    | 'mail'
    | 'mongodbUri'
    | 'shutdownGraceMs'
    | 'requestDeadlineMs'
    | 'storeTimeoutMs'
    | 'decisionReads'
    | 'positionRetryMs'
    | 'cnsRecognition'
    | 'production'
    | 'rulesPollMs'
    | 'security'
    | 'rulesSource'
  > {
  /** RULES_POLL_MS: the content check of rules/ behind the watcher (default 2000 ms; 0: none). */
  rulesPollMs?: number;
  apiKeys: ApiKey[];
  /** CLOCK_AT: the clock starts on this day (embedded default); absent or null: the real clock. */
  clockAt?: string | null;
  /** How the embedded business-register fixture answers (default normal). */
  registryFixture?: RegistryMode;
  /** pagoPA GPD and InfoCamere over HTTP; absent: the embedded simulator and fixture. */
  integrations?: IntegrationsConfig;
  /** SMTP_URL and MAIL_FROM; absent or no smtpUrl: the embedded mailbox. */
  mail?: MailConfig;
  /** CNS trust anchors and the proxy forwarding client certificates; absent: recognition by CNS off. */
  cnsRecognition?: CnsRecognitionConfig;
  /** MONGODB_URI; absent or null: the in-memory stores (startService opens MongoDB when set). */
  mongodbUri?: string | null;
  /** Interface to listen on (tests: 127.0.0.1); absent: all interfaces. */
  hostname?: string;
  /** Random per container when absent: tokens then die with the process. */
  tokenSecret?: string | null;
  /** STORE_TIMEOUT_MS: the longest one MongoDB operation may take before 503 (default 2.5 s). */
  storeTimeoutMs?: number;
  /** DECISIONS_READ_PREFERENCE: where reads of the decision log go (default the primary). */
  decisionReads?: ReadPreferenceMode;
  /** GPD_RETRY_MS: background retry of pending GPD positions (default 15 s; 0: none). */
  positionRetryMs?: number;
  /** REQUEST_DEADLINE_MS: the longest a request may take (default 30 s). */
  requestDeadlineMs?: number;
  /** SHUTDOWN_GRACE_MS: how long requests in flight may take to finish once shutdown starts. */
  shutdownGraceMs?: number;
  /** scrypt cost N; tests lower it to stay fast. */
  passwordHashCost?: number;
  /** NODE_ENV=production: never any /v1/dev/* route. */
  production?: boolean;
  /** Argon2 cost of the CNS key lock; tests lower it to stay fast (default PRODUCTION_ARGON2). */
  sealingArgon2?: Argon2Params;
  /** Rate limits, trusted proxies, the hashing queue, applicant tokens; absent: the defaults. */
  security?: SecurityConfig;
  /** RULES_SOURCE (files or store), RULES_STORE_POLL_MS, INSTANCE_ID; absent: files. */
  rulesSource?: RulesSourceConfig;
}
