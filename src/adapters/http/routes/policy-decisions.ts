import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { parseDecisionRequest } from '../decision-request.js';
import { decisionView } from '../decision-view.js';
import { problemFor } from '../error-mapping.js';
import { problem, problemResponse } from '../problem.js';
import { requestHeader } from '../request-header.js';
import { payloadTooLarge, requestText } from '../request-text.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Ask a policy for a decision [§5][E-DECISION]: 200 for allow and deny alike, logged [E-LOG]. */
export function registerPolicyDecisionRoutes(app: Hono<AppEnv>, { registry, decisions }: AppDeps): void {
  app.post('/v1/policies/:id/decisions', async (c) => {
    const id = c.req.param('id');
    if (!registry.current().ruleset.policies.has(id))
      return problemResponse(problemFor({ code: 'UNKNOWN_POLICY', policy: id }));
    const contentType = requestHeader(c, 'content-type');
    if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType))
      return problemResponse(
        problem('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json, not ${contentType}.`),
      );

    const text = await requestText(c);
    if (text === null) return payloadTooLarge();
    const body = parseDecisionRequest(text);
    if (!body.ok) return problemResponse(body.problem);
    const { facts, at, trace } = body.value;
    const result = await decisions.decide({ policy: id, facts, ...(at ? { at } : {}), trace });
    if (!result.ok) return problemResponse(problemFor(result.error));
    return c.json(decisionView(result.value));
  });
}
