// What auditors need besides replay [E-TESTS][E-LOG]: run the suites on the rules being served
// (cases with expected and actual, the coverage table, JUnit), and search the decision log.
import { DateTime } from 'luxon';
import { coverageGaps, runSuites } from '../../../application/audit/run-suites.js';
import { type DecisionQuery, InvalidCursorError } from '../../../application/ports/decision-log.js';
import { junitXml } from '../../cli/junit.js';
import { coverageGap } from '../../cli/report.js';
import { allowRoles } from '../auth.js';
import { loggedDecisionView } from '../decision-view.js';
import type { JsonObject } from '../openapi/components.js';
import { type FieldViolation, problem, problemResponse } from '../problem.js';
import type { RouteModule } from '../route-module.js';

const ZONE = 'Europe/Rome';
const MAX_LIMIT = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const DAY_OR_INSTANT = {
  anyOf: [
    { type: 'string', format: 'date' },
    { type: 'string', format: 'date-time' },
  ],
};

export const auditModule: RouteModule = {
  name: 'audit',
  register(app, { registry, decisions }) {
    const auditors = allowRoles('auditor', 'admin');

    app.post('/v1/audit/suites', auditors, async (c) => {
      const policy = c.req.query('policy') || undefined;
      const format = c.req.query('format') ?? 'json';
      if (format !== 'json' && format !== 'junit')
        return problemResponse(
          problem('INVALID_REQUEST', '`format` is json or junit.', {
            violations: [{ field: 'format', reason: 'must be json or junit' }],
          }),
        );
      const loaded = registry.current();
      if (policy !== undefined && !loaded.ruleset.policies.has(policy))
        return problemResponse(problem('UNKNOWN_POLICY', `There is no policy "${policy}".`, { policy }));
      const report = await runSuites(loaded, new Date(), policy ? (id) => id === policy : undefined);
      if (format === 'junit')
        return c.body(junitXml(report, true), 200, {
          'content-type': 'application/xml; charset=utf-8',
          'content-disposition': `attachment; filename="${policy ?? 'rules'}-junit.xml"`,
        });
      const failed = report.cases.filter((r) => !r.passed).length;
      const expectations = new Map(
        loaded.suites.flatMap((suite) => suite.cases.map((k) => [`${suite.file}\u0000${k.name}`, k.expect])),
      );
      return c.json({
        rulesetHash: loaded.ruleset.hash,
        passed: report.cases.length - failed,
        failed,
        coverageGaps: coverageGaps(report).length,
        cases: report.cases.map(({ decision, ...r }) => ({
          ...r,
          expect: expectations.get(`${r.file}\u0000${r.name}`),
          ...(decision
            ? {
                outcome: decision.outcome,
                violations: decision.violations.map((v) => v.code),
                at: decision.at,
              }
            : {}),
        })),
        coverage: report.coverage.map((r) => ({ ...r, gap: coverageGap(r) })),
        uncoveredPolicies: report.uncoveredPolicies,
      });
    });

    app.get('/v1/decisions', auditors, async (c) => {
      const query = decisionQuery((name) => c.req.query(name));
      if (!query.ok)
        return problemResponse(
          problem('INVALID_REQUEST', 'The search parameters are not valid.', {
            violations: query.violations,
          }),
        );
      try {
        const page = await decisions.search(query.value);
        return c.json({ decisions: page.entries.map(loggedDecisionView), next: page.next });
      } catch (e) {
        if (!(e instanceof InvalidCursorError)) throw e;
        // Well-formed (any text is), yet not a cursor: refused like a field a rule refuses.
        return problemResponse(
          problem('INVALID_FIELDS', 'The cursor is not one this search gave.', {
            violations: [{ field: 'cursor', reason: 'not a cursor given by a previous page' }],
          }),
        );
      }
    });
  },
  openApi: {
    tags: [{ name: 'audit', description: 'Auditor suites and the decision log search.' }],
    paths: {
      '/v1/audit/suites': {
        post: {
          tags: ['audit'],
          operationId: 'runSuites',
          summary: 'Run the auditor suites on the rules being served: each case, and per-rule coverage',
          description:
            'Roles: auditor, admin. Each case with its mismatches (field, expected, actual); coverage counts, for each rule of each version, the cases that made it fire and not fire (`gap` says what is missing).',
          parameters: [
            { name: 'policy', in: 'query', required: false, schema: { type: 'string' } },
            {
              name: 'format',
              in: 'query',
              required: false,
              schema: { enum: ['json', 'junit'], default: 'json' },
              description: '`junit`: JUnit XML, as `pa-policy test --junit` writes it.',
            },
          ],
          responses: {
            200: {
              description: 'The report.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/SuiteReport' } },
                'application/xml': { schema: { type: 'string' } },
              },
            },
            400: { $ref: '#/components/responses/Problem' },
            422: {
              description: 'INVALID_FIELDS: the cursor is not one a previous page gave.',
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
            401: { $ref: '#/components/responses/Unauthorized' },
            403: { $ref: '#/components/responses/Forbidden' },
            404: { $ref: '#/components/responses/NotFound' },
          },
        },
      },
      '/v1/decisions': {
        get: {
          tags: ['audit', 'decisions'],
          operationId: 'searchDecisions',
          summary: 'Search the decision log, newest first',
          description:
            'Roles: auditor, admin. `from`/`to` are days (Europe/Rome, both inclusive) or ISO instants (`to` exclusive). Follow `next` as `cursor` for the next page.',
          parameters: [
            { name: 'policy', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'outcome', in: 'query', required: false, schema: { enum: ['allow', 'deny'] } },
            { name: 'rulesetHash', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'from', in: 'query', required: false, schema: DAY_OR_INSTANT },
            { name: 'to', in: 'query', required: false, schema: DAY_OR_INSTANT },
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 },
            },
            { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: {
            200: {
              description: 'A page of logged decisions.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['decisions', 'next'],
                    properties: {
                      decisions: { type: 'array', items: { $ref: '#/components/schemas/LoggedDecision' } },
                      next: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            400: { $ref: '#/components/responses/Problem' },
            422: {
              description: 'INVALID_FIELDS: the cursor is not one a previous page gave.',
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
            401: { $ref: '#/components/responses/Unauthorized' },
            403: { $ref: '#/components/responses/Forbidden' },
          },
        },
      },
    },
    schemas: { SuiteReport: suiteReportSchema() },
  },
};

type Parsed = { ok: true; value: DecisionQuery } | { ok: false; violations: FieldViolation[] };

/** The query string of a search; a day is a whole day in Europe/Rome. */
export function decisionQuery(read: (name: string) => string | undefined): Parsed {
  const violations: FieldViolation[] = [];
  const text = (name: string) => read(name) || undefined;
  const limitText = text('limit') ?? '50';
  const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT))
    violations.push({ field: 'limit', reason: `must be an integer from 1 to ${MAX_LIMIT}` });
  const outcome = text('outcome');
  if (outcome !== undefined && outcome !== 'allow' && outcome !== 'deny')
    violations.push({ field: 'outcome', reason: 'must be allow or deny' });
  const instant = (name: 'from' | 'to'): string | undefined => {
    // Empty is not "no bound": the document says a date or an instant.
    const value = read(name);
    if (value === undefined) return undefined;
    const day = DATE.test(value) ? DateTime.fromISO(value, { zone: ZONE }) : null;
    const time = day ?? DateTime.fromISO(value, { setZone: true });
    if (!time.isValid || (!day && !/T/.test(value))) {
      violations.push({ field: name, reason: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant' });
      return undefined;
    }
    return (day && name === 'to' ? day.plus({ days: 1 }) : time).toUTC().toISO() ?? undefined;
  };
  const fromTime = instant('from');
  const toTime = instant('to');
  if (violations.length > 0) return { ok: false, violations };
  const optional = { policy: text('policy'), outcome, rulesetHash: text('rulesetHash'), fromTime, toTime };
  return {
    ok: true,
    value: {
      limit,
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
      ...(text('cursor') ? { cursor: text('cursor') } : {}),
    } as DecisionQuery,
  };
}

function suiteReportSchema(): JsonObject {
  const mismatch = {
    type: 'object',
    required: ['field', 'expected', 'actual'],
    properties: { field: { type: 'string' }, expected: {}, actual: {} },
  };
  return {
    type: 'object',
    required: ['rulesetHash', 'passed', 'failed', 'coverageGaps', 'cases', 'coverage', 'uncoveredPolicies'],
    properties: {
      rulesetHash: { type: 'string' },
      passed: { type: 'integer' },
      failed: { type: 'integer' },
      coverageGaps: { type: 'integer', description: 'Rules not seen both firing and not firing.' },
      cases: {
        type: 'array',
        items: {
          type: 'object',
          required: ['file', 'policy', 'name', 'passed', 'mismatches'],
          properties: {
            file: { type: 'string' },
            policy: { type: 'string' },
            name: { type: 'string' },
            passed: { type: 'boolean' },
            mismatches: { type: 'array', items: mismatch },
            expect: {
              type: 'object',
              description: 'What the case expects, as written in the suite.',
              properties: {
                outcome: { enum: ['allow', 'deny'] },
                violations: { type: 'array', items: { type: 'string' } },
                outputs: { type: 'object' },
              },
            },
            outcome: { enum: ['allow', 'deny'], description: 'The actual outcome.' },
            violations: { type: 'array', items: { type: 'string' }, description: 'The actual codes.' },
            at: { type: 'string' },
          },
        },
      },
      coverage: {
        type: 'array',
        items: {
          type: 'object',
          required: ['policy', 'version', 'rule', 'file', 'seenHolding', 'seenNotHolding', 'gap'],
          properties: {
            policy: { type: 'string' },
            version: { type: 'string', description: 'The version by its effectiveFrom.' },
            rule: { type: 'string' },
            file: { type: 'string' },
            seenHolding: { type: 'integer' },
            seenNotHolding: { type: 'integer' },
            gap: { type: ['string', 'null'] },
          },
        },
      },
      uncoveredPolicies: { type: 'array', items: { type: 'string' } },
    },
  };
}
