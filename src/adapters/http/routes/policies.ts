import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { problem, problemResponse } from '../problem.js';

/** The policy catalogue [§5]: any role may read it. */
export function registerPolicyRoutes(app: Hono<AppEnv>, { catalog }: AppDeps): void {
  app.get('/v1/policies', (c) => c.json({ policies: catalog.list() }));

  app.get('/v1/policies/:id', (c) => {
    const id = c.req.param('id');
    const detail = catalog.get(id);
    if (!detail)
      return problemResponse(problem('UNKNOWN_POLICY', `There is no policy "${id}".`, { policy: id }));
    return c.json(detail);
  });
}
