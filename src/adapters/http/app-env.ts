// What the HTTP adapter needs from the application, and what a request carries between handlers.
import type { Logger } from 'pino';
import type { DecisionService } from '../../application/decisions/decision-service.js';
import type { PolicyCatalog } from '../../application/policies/policy-catalog.js';
import type { RulesetRegistry } from '../../application/rules/ruleset-registry.js';
import type { ApiKeyring, Role } from './api-keys.js';

export interface AppDeps {
  registry: RulesetRegistry;
  decisions: DecisionService;
  catalog: PolicyCatalog;
  keyring: ApiKeyring;
  logger: Logger;
}

export interface AppEnv {
  Variables: { role: Role };
}
