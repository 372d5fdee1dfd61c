// The OpenAPI 3.1 document of the decision API [§5], generated from the loaded ruleset: each
// policy's facts schema becomes a component and each policy gets its own documented decision path.
import type { LoadedRuleset } from '../../../application/rules/load-ruleset.js';
import type { Policy } from '../../../domain/types.js';
import type { OpenApiContribution } from '../route-module.js';
import { ImpactBody } from '../routes/admin.js';
import { type JsonObject, ref, responseRef, STATIC_RESPONSES, STATIC_SCHEMAS } from './components.js';
import { withLinks } from './links.js';

const ANY_ROLE = 'Roles: any (service, operator, admin, auditor).';
const PUBLIC = { security: [] };

export function buildOpenApi(
  loaded: LoadedRuleset,
  contributions: readonly OpenApiContribution[] = [],
): JsonObject {
  const { ruleset, suites } = loaded;
  const policies = [...ruleset.policies.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const schemas: Record<string, JsonObject> = {
    ...STATIC_SCHEMAS,
    ImpactRequest: JSON.parse(JSON.stringify(ImpactBody)) as JsonObject,
  };
  const policyPaths: Record<string, JsonObject> = {};
  for (const policy of policies) {
    const factsName = factsSchemaName(policy.id);
    schemas[factsName] = embedSchema(policy.facts, factsName);
    const cases = suites.filter((s) => s.policy === policy.id).flatMap((s) => s.cases);
    policyPaths[`/v1/policies/${policy.id}/decisions`] = {
      post: policyDecisionOperation(policy, factsName, cases),
    };
  }

  for (const contribution of contributions) Object.assign(schemas, contribution.schemas ?? {});
  const contributedPaths = Object.assign({}, ...contributions.map((c) => c.paths)) as Record<
    string,
    JsonObject
  >;
  const contributedTags = contributions.flatMap((c) => c.tags ?? []);

  return {
    openapi: '3.1.0',
    info: {
      title: 'pa-policy-engine decision API',
      version: `1 (ruleset ${ruleset.hash})`,
      description: [
        'Decisions of Italian public-administration policies kept as dated rule files: each decision names the rules, parameters and legal sources it used.',
        'Authenticate with `Authorization: Bearer <api key>`; each key carries a role.',
        'Errors are `application/problem+json` (RFC 9457) with a stable `code` and, where fields are wrong, `violations`.',
      ].join('\n\n'),
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    'x-ruleset-hash': ruleset.hash,
    security: [{ bearer: [] }],
    tags: [
      { name: 'policies', description: 'The policy catalogue.' },
      { name: 'decisions', description: 'Decisions, the decision log and replay.' },
      { name: 'admin', description: 'Rule maintenance.' },
      { name: 'meta', description: 'Health and documentation.' },
      ...contributedTags,
    ],
    paths: withLinks({
      '/healthz': {
        get: {
          tags: ['meta'],
          operationId: 'health',
          summary: 'Liveness, the ruleset hash in force and the rule set status',
          ...PUBLIC,
          responses: { 200: json('Serving.', ref('Health')) },
        },
      },
      '/readyz': {
        get: {
          tags: ['meta'],
          operationId: 'ready',
          summary:
            'Readiness: whether this instance should get traffic (store answers, dispatcher runs, not shutting down)',
          ...PUBLIC,
          responses: {
            200: json('Ready.', ref('Readiness')),
            503: json('Not ready; `reasons` says why.', ref('Readiness')),
          },
        },
      },
      '/openapi.json': {
        get: {
          tags: ['meta'],
          operationId: 'openapi',
          summary: 'This document, regenerated when the ruleset changes',
          ...PUBLIC,
          responses: { 200: json('OpenAPI 3.1 document.', { type: 'object' }) },
        },
      },
      '/docs': {
        get: {
          tags: ['meta'],
          operationId: 'docs',
          summary: 'Swagger UI on this document',
          ...PUBLIC,
          responses: { 200: { description: 'HTML page.', content: { 'text/html': {} } } },
        },
      },
      '/v1/policies': {
        get: {
          tags: ['policies'],
          operationId: 'listPolicies',
          summary: 'Every policy with its version windows and the version in force today',
          description: ANY_ROLE,
          responses: { 200: json('The policies.', ref('PolicyList')), ...authResponses() },
        },
      },
      '/v1/policies/{id}': {
        get: {
          tags: ['policies'],
          operationId: 'getPolicy',
          summary:
            'A policy: versions and rules, parameters read with their dated history, facts schema, messages',
          description: ANY_ROLE,
          parameters: [policyIdParameter(policies)],
          responses: {
            200: json('The policy.', ref('PolicyDetail')),
            404: responseRef('NotFound'),
            ...authResponses(),
          },
        },
      },
      '/v1/policies/{id}/decisions': {
        post: {
          tags: ['decisions'],
          operationId: 'decide',
          summary: 'Ask any policy for a decision (see the per-policy paths for each facts schema)',
          description: `${ANY_ROLE} 200 for allow and deny alike; the decision is logged with secret facts redacted.`,
          parameters: [policyIdParameter(policies)],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('DecisionRequest') } },
          },
          responses: decisionResponses(ref('Decision')),
        },
      },
      ...policyPaths,
      '/v1/decisions/{decisionId}': {
        get: {
          tags: ['decisions'],
          operationId: 'getDecision',
          summary: 'A logged decision',
          description:
            "Roles: auditor, admin. The facts are as logged: secret facts left out, the policy's personal facts masked.",
          parameters: [decisionIdParameter],
          responses: {
            200: json('The logged decision.', ref('LoggedDecision')),
            404: responseRef('NotFound'),
            ...authResponses(),
          },
        },
      },
      '/v1/decisions/{decisionId}/replay': {
        post: {
          tags: ['decisions'],
          operationId: 'replayDecision',
          summary: 'Replay a logged decision against the ruleset that made it',
          description: 'Roles: auditor, admin.',
          parameters: [decisionIdParameter],
          responses: {
            200: json('The replay and its differences from the log.', ref('ReplayResult')),
            404: responseRef('NotFound'),
            409: responseRef('Conflict'),
            ...authResponses(),
          },
        },
      },
      '/v1/admin/rules/reload': {
        post: {
          tags: ['admin'],
          operationId: 'reloadRules',
          summary:
            'Reload rules/ as a whole; a set that does not load, has an unsafe regular expression or fails a suite is rejected and the last good one keeps serving',
          description: 'Roles: admin. The answer is the rule set status after the attempt.',
          responses: {
            200: json('The files on disk serve.', ref('ReloadResult')),
            422: rulesProblem('RULES_INVALID: rejected; `problems` and `violations` say where and why.'),
            503: rulesProblem('RULES_UNREADABLE: the rules folder cannot be read (moved, being replaced).'),
            ...authResponses(),
          },
        },
      },
      '/v1/admin/rules/impact': {
        post: {
          tags: ['admin'],
          operationId: 'rulesImpact',
          summary:
            'What the rule files on disk would change: the latest logged decisions and every suite case, evaluated under the set serving and under the files on disk',
          description:
            'Roles: admin, auditor. Reads only; nothing is put in force. Bounded: the latest `limit` decisions (default 1000, at most 10000) logged at or after `since` (a date means from its start, UTC), optionally of one `policy`. Per policy: how many outcomes, violations and outputs change, with examples (decision id or suite case, before → after).',
          requestBody: {
            required: false,
            content: { 'application/json': { schema: ref('ImpactRequest') } },
          },
          responses: {
            200: json('The impact, per policy.', ref('ImpactReport')),
            400: responseRef('BadRequest'),
            422: {
              description: 'RULES_INVALID: the files on disk do not load (`violations` lists them).',
              content: { 'application/problem+json': { schema: ref('Problem') } },
            },
            ...authResponses(),
          },
        },
      },
      '/v1/rules/status': {
        get: {
          tags: ['admin'],
          operationId: 'rulesStatus',
          summary: 'The rule set serving, the files on disk, and every problem keeping them apart',
          description: ANY_ROLE,
          responses: { 200: json('The rule set status.', ref('RulesStatus')), ...authResponses() },
        },
      },
      ...contributedPaths,
    }),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: `${[
            'API key from API_KEYS (`key:role,...`; roles service, operator, admin, auditor)',
            ...contributions.flatMap((c) => (c.bearer ? [c.bearer] : [])),
          ].join(', or ')}.`,
        },
      },
      schemas,
      responses: STATIC_RESPONSES,
    },
  };
}

/** Component names allow `[A-Za-z0-9._-]`; policy ids already fit, anything else is replaced. */
export function factsSchemaName(policyId: string): string {
  return `Facts.${policyId.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/**
 * A facts schema moved under components: its own `$id`/`$schema` go, and local references
 * (`#/$defs/...`) are re-rooted so they still point inside it.
 */
export function embedSchema(schema: Record<string, unknown>, name: string): JsonObject {
  const { $id: _id, $schema: _schema, ...rest } = schema;
  const base = `#/components/schemas/${name}`;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${base}${v.slice(1)}` : walk(v),
      ]),
    );
  };
  return walk(rest) as JsonObject;
}

function policyDecisionOperation(
  policy: Policy,
  factsName: string,
  cases: Array<{ name: string; at?: string; facts: Record<string, unknown>; expect: { outcome: string } }>,
): JsonObject {
  const version = policy.versions.at(-1);
  const codes = Object.keys(policy.messages);
  const outputs = [...new Set(policy.versions.flatMap((v) => Object.keys(v.outputs)))];
  const examples: Record<string, JsonObject> = {};
  for (const outcome of ['allow', 'deny']) {
    const example = cases.find((c) => c.expect.outcome === outcome);
    if (example)
      examples[outcome] = {
        summary: example.name,
        value: { facts: example.facts, ...(example.at ? { at: example.at } : {}) },
      };
  }
  return {
    tags: ['decisions'],
    operationId: `decide.${policy.id}`,
    summary: policy.title,
    description: [
      `${ANY_ROLE} Spec: ${policy.spec.join(', ') || '—'}. Details: \`GET /v1/policies/${policy.id}\`.`,
      `Sources: ${policy.sources.join('; ')}.`,
      policy.defaultAt ? `Without \`at\`, the evaluation date is the fact \`${policy.defaultAt}\`.` : '',
      `Violation codes: ${codes.map((c) => `\`${c}\` (${policy.messages[c]?.en ?? ''})`).join(', ')}.`,
      version ? `Latest version from ${version.effectiveFrom}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            allOf: [ref('DecisionRequest')],
            properties: { facts: ref(factsName) },
          },
          ...(Object.keys(examples).length > 0 ? { examples } : {}),
        },
      },
    },
    responses: decisionResponses({
      allOf: [ref('Decision')],
      properties: {
        policy: { const: policy.id },
        violations: { items: { properties: { code: { enum: codes } } } },
        outputs: { properties: Object.fromEntries(outputs.map((o) => [o, {}])) },
      },
    }),
  };
}

function decisionResponses(decision: JsonObject): JsonObject {
  return {
    200: json('The decision (allow or deny), with `decisionId`.', decision),
    400: responseRef('BadRequest'),
    404: responseRef('NotFound'),
    413: responseRef('PayloadTooLarge'),
    415: responseRef('UnsupportedMediaType'),
    422: responseRef('Unprocessable'),
    ...authResponses(),
  };
}

function authResponses(): JsonObject {
  return { 401: responseRef('Unauthorized'), 403: responseRef('Forbidden'), 500: responseRef('Internal') };
}

function rulesProblem(description: string): JsonObject {
  return { description, content: { 'application/problem+json': { schema: ref('RulesProblem') } } };
}

function json(description: string, schema: JsonObject): JsonObject {
  return { description, content: { 'application/json': { schema } } };
}

function policyIdParameter(policies: Policy[]): JsonObject {
  return {
    name: 'id',
    in: 'path',
    required: true,
    schema: { type: 'string', examples: policies.map((p) => p.id) },
  };
}

const decisionIdParameter = { name: 'decisionId', in: 'path', required: true, schema: { type: 'string' } };
