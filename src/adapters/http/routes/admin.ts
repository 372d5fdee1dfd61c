import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { problemFor } from '../error-mapping.js';
import { problemResponse } from '../problem.js';

/** Reload rules/ on demand [E-RELOAD]: all or nothing; a rejected set leaves the last good one serving. */
export function registerAdminRoutes(app: Hono<AppEnv>, { registry, logger }: AppDeps): void {
  app.post('/v1/admin/rules/reload', allowRoles('admin'), async (c) => {
    const result = await registry.reload();
    if (!result.ok) {
      logger.warn(
        { issues: result.issues, servingHash: result.servingHash },
        'rules reload rejected (admin)',
      );
      return problemResponse(
        problemFor({ code: 'RULES_INVALID', issues: result.issues, servingHash: result.servingHash }),
      );
    }
    logger.info({ hash: result.hash, changed: result.changed }, 'rules reloaded (admin)');
    return c.json({ hash: result.hash, changed: result.changed, previousHash: result.previousHash });
  });
}
