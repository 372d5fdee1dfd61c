import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { ALL_ROLES, allowRoles } from '../auth.js';

/** The rule set status [#17]: the set serving, the files on disk, and why they differ. Any role. */
export function registerRulesStatusRoutes(app: Hono<AppEnv>, { registry }: AppDeps): void {
  app.get('/v1/rules/status', allowRoles(...ALL_ROLES), (c) => c.json(registry.status()));
}
