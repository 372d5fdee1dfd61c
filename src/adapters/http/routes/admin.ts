import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { problem, problemResponse } from '../problem.js';

/**
 * Reload rules/ on demand [E-RELOAD]: all or nothing, suites included; the answer is the rule set
 * status (GET /v1/rules/status) after the attempt. 200 when the files on disk serve; 422 when they
 * were rejected and 503 when the folder cannot be read, both as problem+json, the last good set
 * still serving.
 */
export function registerAdminRoutes(app: Hono<AppEnv>, { registry, logger }: AppDeps): void {
  app.post('/v1/admin/rules/reload', allowRoles('admin'), async (c) => {
    const result = await registry.reload();
    const status = result.status;
    const fields = { state: status.state, serving: result.status.serving?.hash, disk: status.disk.hash };
    if (result.ok) {
      logger.info({ ...fields, hash: result.hash, changed: result.changed }, 'rules reloaded (admin)');
      return c.json({ ...status, changed: result.changed });
    }
    const problems = status.problems;
    logger.warn(
      { ...fields, problems },
      `rules ${status.state} (admin), still serving ${fields.serving}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    if (result.unreadable)
      return problemResponse(
        problem('RULES_UNREADABLE', `The rules folder cannot be read; still serving ${fields.serving}.`, {
          ...status,
        }),
      );
    return problemResponse(
      problem(
        'RULES_INVALID',
        `${problems.length} problem(s) in the rule files; still serving ${fields.serving}.`,
        {
          ...status,
          servingHash: result.servingHash,
          violations: result.issues.map(({ file, path, line, column, reason }) => ({
            file,
            path,
            line,
            column,
            reason,
          })),
        },
      ),
    );
  });
}
