import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';

/** Liveness for orchestrators and the hot-reload check: which ruleset is serving, and the disk's state. No auth. */
export function registerHealthRoutes(app: Hono<AppEnv>, { registry }: AppDeps): void {
  app.get('/healthz', (c) =>
    c.json({
      status: 'ok',
      rulesetHash: registry.current().ruleset.hash,
      rules: registry.status(),
    }),
  );
}
