import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';

/** Liveness for orchestrators and the hot-reload check: which ruleset is serving, and the disk's state. No auth. */
export function registerHealthRoutes(app: Hono<AppEnv>, { registry, readiness }: AppDeps): void {
  app.get('/healthz', (c) =>
    c.json({
      status: 'ok',
      rulesetHash: registry.current().ruleset.hash,
      rules: registry.status(),
    }),
  );

  // Readiness: 200 when this instance should get traffic, 503 with the reasons otherwise. A rule
  // edit that was rejected does not make an instance unready: the last good set keeps serving (the
  // status says so), and every instance reading the same files would otherwise leave at once.
  app.get('/readyz', async (c) => {
    const rules = registry.status();
    const reasons: string[] = [];
    let store = 'ok';
    if (!readiness) reasons.push('the service is not running (built without its lifecycle)');
    else {
      if (readiness.lifecycle.draining) reasons.push('shutting down');
      if (!readiness.lifecycle.dispatcherRunning) reasons.push('the mail dispatcher is not running');
      try {
        await readiness.pingStore();
      } catch (error) {
        store = 'unreachable';
        reasons.push(`the store does not answer: ${(error as Error).message}`);
      }
    }
    const body = {
      status: reasons.length === 0 ? 'ready' : 'not-ready',
      reasons,
      checks: {
        store,
        rules: rules.state,
        rulesetHash: registry.current().ruleset.hash,
        dispatcher: readiness?.lifecycle.dispatcherRunning ? 'running' : 'stopped',
        draining: readiness?.lifecycle.draining ?? false,
      },
    };
    return c.json(body, reasons.length === 0 ? 200 : 503);
  });
}
