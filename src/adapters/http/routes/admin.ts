import { Type } from '@sinclair/typebox';
import type { Hono } from 'hono';
import { ruleImpact } from '../../../application/audit/impact.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { problemFor, ruleViolations } from '../error-mapping.js';
import { readBody } from '../json-body.js';
import { problem, problemResponse } from '../problem.js';
import { rulesStatusView } from './rules-status.js';

/**
 * Reload rules/ on demand [E-RELOAD]: all or nothing, suites included; the answer is the rule set
 * status (GET /v1/rules/status) after the attempt. 200 when the files on disk serve; 422 when they
 * were rejected and 503 when the folder cannot be read, both as problem+json, the last good set
 * still serving.
 */
export function registerAdminRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { registry, logger } = deps;
  app.post('/v1/admin/rules/reload', allowRoles('admin'), async (c) => {
    const result = await registry.reload();
    const status = result.status;
    const fields = { state: status.state, serving: result.status.serving?.hash, disk: status.disk.hash };
    if (result.ok) {
      logger.info({ ...fields, hash: result.hash, changed: result.changed }, 'rules reloaded (admin)');
      return c.json({ ...rulesStatusView(deps), changed: result.changed });
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
          violations: ruleViolations(result.issues),
        },
      ),
    );
  });
}

/** Decisions evaluated by one impact request unless the body asks for fewer (at most MAX_IMPACT_LIMIT). */
export const DEFAULT_IMPACT_LIMIT = 1000;
export const MAX_IMPACT_LIMIT = 10_000;

/** The body of the impact route, and its OpenAPI schema (ImpactRequest). */
export const ImpactBody = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_IMPACT_LIMIT, default: DEFAULT_IMPACT_LIMIT }),
    ),
    since: Type.Optional(
      Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })], {
        description: 'A date (YYYY-MM-DD, from its start in UTC) or an RFC 3339 instant.',
        examples: ['2017-01-01'],
      }),
    ),
    policy: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/**
 * The impact of the rule files on disk (the candidate a reload would put in force) on the latest
 * logged decisions and on every suite case, against the set serving now. Reads only; swaps nothing.
 */
export function registerImpactRoute(app: Hono<AppEnv>, { registry, decisions }: AppDeps): void {
  app.post('/v1/admin/rules/impact', allowRoles('admin', 'auditor'), async (c) => {
    const body = await readBody(c, ImpactBody);
    if (!body.ok) return body.response;
    const serving = registry.current();
    const candidate = await registry.candidate();
    if (!candidate.ok)
      return problemResponse(
        problemFor({ code: 'RULES_INVALID', issues: candidate.issues, servingHash: serving.ruleset.hash }),
      );
    const { limit = DEFAULT_IMPACT_LIMIT, since, policy } = body.value;
    // A date alone means from its start; an instant is compared as logged, in UTC.
    const instant =
      since === undefined ? undefined : new Date(since.length === 10 ? `${since}T00:00:00Z` : since);
    if (instant !== undefined && Number.isNaN(instant.getTime()))
      return problemResponse(
        problem('INVALID_REQUEST', `/since ${since} is not a date`, {
          violations: [{ field: '/since', reason: 'is not a date or instant' }],
        }),
      );
    const from = instant?.toISOString();
    const logged = await decisions.list({
      limit,
      ...(from !== undefined ? { since: from } : {}),
      ...(policy !== undefined ? { policy } : {}),
    });
    const report = await ruleImpact({
      before: serving,
      after: candidate.value,
      decisions: logged,
      ...(policy !== undefined ? { policies: [policy] } : {}),
      now: new Date(),
    });
    return c.json({ ...report, limit, since: since ?? null });
  });
}
