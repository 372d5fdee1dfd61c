// What the HTTP adapter needs from the application, and what a request carries between handlers.
import type { Context, Hono } from 'hono';
import type { Logger } from 'pino';
import type { DecisionService } from '../../application/decisions/decision-service.js';
import type { DispatchOutbox } from '../../application/mail/dispatch-outbox.js';
import type { RecordReceipt } from '../../application/payments/record-receipt.js';
import type { PolicyCatalog } from '../../application/policies/policy-catalog.js';
import type { Clock } from '../../application/ports/clock.js';
import type { RuleFile } from '../../application/ports/rule-file-source.js';
import type { Principal, TokenIssuer } from '../../application/ports/token-issuer.js';
import type { PublishRequest, PublishResult } from '../../application/rules/publish-ruleset.js';
import type { RulesOrigin } from '../../application/rules/published-rule-source.js';
import type { RulesetRegistry } from '../../application/rules/ruleset-registry.js';
import type { ServiceLifecycle } from '../lifecycle.js';
import type { MemoryMailbox } from '../mail/memory-mailbox.js';
import type { MemoryGpdSimulator } from '../pagopa/memory-gpd-simulator.js';
import type { RateLimitedAction } from '../security/security-config.js';
import type { ApiKeyring, Role } from './api-keys.js';
import type { JsonObject } from './openapi/components.js';

export interface AppDeps {
  registry: RulesetRegistry;
  decisions: DecisionService;
  catalog: PolicyCatalog;
  keyring: ApiKeyring;
  logger: Logger;
  tokens: TokenIssuer;
  payments: { recordReceipt: RecordReceipt };
  /** For GET /v1/rules/status: this instance's name and where its rules come from; absent: files. */
  rules?: { instanceId: string; origin: RulesOrigin };
  /** POST /v1/admin/rules/publications; absent: no such route. */
  rulesPublisher?: RulesPublisher;
  /** What /readyz reports besides the rules: the store's answer, the dispatcher, shutdown. */
  readiness?: { lifecycle: ServiceLifecycle; pingStore(): Promise<void> };
  /** REQUEST_DEADLINE_MS: a request not answered by then gets 503 DEADLINE_EXCEEDED. */
  requestDeadlineMs?: number;
  /** The procedures' route modules (procedures.ts), each with its OpenAPI part and session check. */
  modules: RouteModule[];
  /** Per-client and per-account limits of the sensitive routes (login, registration, …); absent: none. */
  rateLimits?: RateLimitCheck;
  /** Embedded adapters only, and never with NODE_ENV=production (dev-routes.ts). */
  dev?: {
    /** Absent when mail goes out over SMTP: there is no mailbox to read then. */
    mailbox?: MemoryMailbox | undefined;
    /** Absent when pagoPA is GPD over HTTP: there is no simulator to pay then. */
    simulator?: MemoryGpdSimulator | undefined;
    dispatch: DispatchOutbox;
    clock: Clock;
  };
}

export interface AppEnv {
  Variables: {
    caller: Caller;
  };
}

/** What POST /v1/admin/rules/publications publishes with (routes/rules-publications.ts). */
export interface RulesPublisher {
  /** The instance's RULES_DIR, for messages. */
  rulesDir: string;
  publish(request: PublishRequest): Promise<PublishResult>;
  readRulesDir(): Promise<RuleFile[]>;
}

/** Counts one attempt of a rate-limited action (rate-limits.ts): null to go on, or the 429 to answer. */
export interface RateLimitCheck {
  check(c: Context<AppEnv>, action: RateLimitedAction, account?: string): Promise<Response | null>;
}

/**
 * Whether a verified token's session is still live (one read of its account or application): null
 * to go on, or the refusal to answer with.
 */
export type SessionCheck = (c: Context<AppEnv>, principal: Principal) => Promise<Response | null>;

/**
 * Who is calling: a service with an API key (its role, and the key's label for logs and audit
 * records), or the holder of a token a procedure issued (Principal).
 */
export type Caller = { kind: 'service'; role: Role; label: string } | Principal;

/** A procedure's part of the OpenAPI document. */
export interface OpenApiContribution {
  tags?: Array<{ name: string; description: string }>;
  /** Path → path item, as in OpenAPI 3.1; reference schemas as `#/components/schemas/<name>`. */
  paths: Record<string, JsonObject>;
  schemas?: Record<string, JsonObject>;
  /** The bearer tokens it issues, for the security scheme's description (e.g. "a company token from …"). */
  bearer?: string;
}

/** A procedure's own bearer tokens: whose they are, and whether such a session is still live. */
export interface SessionOwner {
  principal: Principal['kind'];
  check: SessionCheck;
}

/**
 * A procedure plugs into the HTTP API as a module: its routes, its part of the OpenAPI document,
 * and the session check of the tokens it issues.
 */
export interface RouteModule {
  name: string;
  register(app: Hono<AppEnv>, deps: AppDeps): void;
  openApi?: OpenApiContribution;
  sessions?: SessionOwner;
}
