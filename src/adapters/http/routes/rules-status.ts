import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { ALL_ROLES, allowRoles } from '../auth.js';

/**
 * The rule set status [#17]: the set serving, the files on disk, and why they differ; and how often
 * json-rules-engine answered for the compiled evaluator. Any role.
 */
export function registerRulesStatusRoutes(app: Hono<AppEnv>, { registry, decisions }: AppDeps): void {
  app.get('/v1/rules/status', allowRoles(...ALL_ROLES), (c) =>
    c.json({ ...registry.status(), evaluatorFallbacks: decisions.fallbacks.counts() }),
  );
}
