import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { decisionView, loggedDecisionView } from '../decision-view.js';
import { problemFor } from '../error-mapping.js';
import { problemResponse } from '../problem.js';

/**
 * The decision log [E-LOG]: only auditors and admins read and replay it. A logged decision holds
 * the facts of citizens and companies (personal ones masked, but not the rest), and a service
 * already has the decision it asked for in the answer, so it is not given the log.
 */
export function registerDecisionRoutes(app: Hono<AppEnv>, { decisions }: AppDeps): void {
  app.get('/v1/decisions/:decisionId', allowRoles('auditor', 'admin'), async (c) => {
    const decisionId = c.req.param('decisionId');
    const entry = await decisions.get(decisionId);
    if (!entry) return problemResponse(problemFor({ code: 'UNKNOWN_DECISION', decisionId }));
    return c.json(loggedDecisionView(entry));
  });

  app.post('/v1/decisions/:decisionId/replay', allowRoles('auditor', 'admin'), async (c) => {
    const result = await decisions.replay(c.req.param('decisionId'));
    if (!result.ok) return problemResponse(problemFor(result.error));
    return c.json({ ...result.value, replayed: decisionView(result.value.replayed) });
  });
}
