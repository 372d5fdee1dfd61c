// The parts of the OpenAPI document that do not depend on the ruleset: shared schemas and the
// problem responses. JSON Schema 2020-12, as OpenAPI 3.1 uses it.
import { PROBLEMS } from '../problem.js';

export type JsonObject = Record<string, unknown>;

export const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const date = { type: 'string', format: 'date', examples: ['2017-01-15'] };
const nullableDate = { type: ['string', 'null'], format: 'date' };
const stringList = { type: 'array', items: { type: 'string' } };
/** A long `required` list written as one line of names. */
const words = (names: string): string[] => names.split(' ');

const versionWindow = {
  type: 'object',
  required: ['effectiveFrom', 'effectiveTo'],
  properties: {
    effectiveFrom: date,
    effectiveTo: { ...nullableDate, description: 'Inclusive; null when open-ended.' },
  },
};

export const STATIC_SCHEMAS: Record<string, JsonObject> = {
  Problem: {
    type: 'object',
    description:
      "RFC 9457 problem details; branch on `code`, which always maps to the same `status`. Bad input: malformed JSON is 400 MALFORMED_JSON; a body, query or path that breaks the operation's schema is 400 INVALID_REQUEST with a violation per field. A well-formed request that a rule refuses is 422: POLICY_DENIED with the policy's violation codes, or the code the operation lists. Members other than the five required appear where the description says.",
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', examples: ['urn:pa-policy-engine:problem:policy-denied'] },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      code: { type: 'string', enum: Object.keys(PROBLEMS) },
      instance: {
        type: 'string',
        format: 'uri-reference',
        description:
          'The id of this request (also the `X-Request-Id` header, and `requestId` in its log lines): quote it to an operator.',
      },
      violations: {
        type: 'array',
        description: 'Each wrong field, unmet requirement or rule-file problem.',
        items: { anyOf: [ref('FieldViolation'), ref('RuleFileViolation')] },
      },
      policy: {
        type: 'string',
        description:
          'POLICY_DENIED, ACCOUNT_SUSPENDED, UNKNOWN_POLICY, NO_VERSION_IN_FORCE, EVALUATION_FAILED: the (first) policy.',
      },
      decisionId: {
        type: 'string',
        description:
          'POLICY_DENIED, ACCOUNT_SUSPENDED: the logged decision of `policy` (GET /v1/decisions/{decisionId}).',
      },
      policies: {
        ...stringList,
        description: 'POLICY_DENIED: every policy that refused (one or several).',
      },
      decisionIds: {
        ...stringList,
        description: 'POLICY_DENIED: the logged decision of each policy that refused.',
      },
      competentChamber: {
        type: ['string', 'null'],
        description: 'POLICY_DENIED by cns.jurisdiction: the Chamber of Commerce to turn to.',
      },
      remedy: {
        type: 'string',
        description:
          'POLICY_DENIED by cns.rectification after production: what to do instead (revoke-and-reissue).',
        examples: ['revoke-and-reissue'],
      },
      at: { ...date, description: 'NO_VERSION_IN_FORCE: the evaluation date.' },
      rulesetHash: { type: 'string', description: 'RULESET_UNAVAILABLE: the ruleset not archived.' },
      servingHash: {
        type: ['string', 'null'],
        description: 'RULES_INVALID: the ruleset that keeps serving.',
      },
      applicationStatus: {
        type: 'string',
        description: 'APPLICATION_STATE_CONFLICT: the status of the CNS application.',
      },
      slotId: { type: 'string', description: 'APPOINTMENT_ALREADY_BOOKED: the slot held.' },
      parameter: { type: 'string', description: 'PARAMETER_MISSING: the parameter not in force.' },
      retryAfterSeconds: {
        type: 'integer',
        minimum: 0,
        description: 'RATE_LIMITED: as the Retry-After header.',
      },
    },
  },
  FieldViolation: {
    type: 'object',
    description:
      'A wrong field (`field`, `reason`), or an unmet requirement of a policy (also `code`, `message`, `rule`, `source`, `policy`, `decisionId`).',
    required: ['field', 'reason'],
    properties: {
      field: {
        type: 'string',
        description:
          'JSON Pointer into the request (into `facts` for INVALID_FACTS); `policy:<id>` for a requirement of a policy that is about no single field.',
        examples: ['/fleet/0/massKg'],
      },
      reason: { type: 'string', description: 'In English, for the developer or operator.' },
      code: { type: 'string', description: "The policy's violation code.", examples: ['DEADLINE_PASSED'] },
      message: ref('Messages'),
      rule: { type: 'string', description: 'The rule that failed.' },
      source: { type: 'string', description: 'The legal or seed source of the rule.' },
      policy: { type: 'string' },
      decisionId: { type: 'string' },
    },
  },
  RuleFileViolation: {
    type: 'object',
    required: ['file', 'path', 'reason'],
    properties: {
      file: { type: 'string', description: 'Path under rules/.' },
      path: { type: 'string', description: 'JSON Pointer inside the file.' },
      line: { type: 'integer', minimum: 1, description: 'Where `path` is in the file.' },
      column: { type: 'integer', minimum: 1 },
      reason: { type: 'string' },
    },
  },
  Messages: {
    type: 'object',
    required: ['it', 'en'],
    properties: {
      it: { type: 'string', description: 'For citizens: the text the portal shows.' },
      en: { type: 'string', description: 'For operators.' },
    },
  },
  VersionWindow: versionWindow,
  Violation: {
    type: 'object',
    required: ['code', 'message', 'rule', 'source'],
    properties: {
      code: { type: 'string' },
      message: ref('Messages'),
      rule: { type: 'string' },
      source: { type: 'string' },
    },
  },
  ParameterUse: {
    type: 'object',
    required: ['name', 'asOf', 'value', 'from', 'source'],
    properties: {
      name: { type: 'string' },
      asOf: date,
      value: {},
      from: nullableDate,
      source: { type: ['string', 'null'] },
    },
  },
  Trace: {
    type: 'object',
    description:
      'Each rule with each condition (fact value seen, operator, expected value, result), each parameter value used with its source, the derived facts and which rules held.',
    required: ['rules', 'parameters', 'computed', 'ruleResults'],
    properties: {
      rules: { type: 'array', items: { type: 'object' } },
      parameters: { type: 'array', items: ref('ParameterUse') },
      computed: { type: 'object' },
      ruleResults: { type: 'object', additionalProperties: { type: 'boolean' } },
    },
  },
  Decision: {
    type: 'object',
    required: [
      'decisionId',
      'policy',
      'title',
      'version',
      'rulesetHash',
      'at',
      'outcome',
      'violations',
      'outputs',
    ],
    properties: {
      decisionId: { type: 'string' },
      policy: { type: 'string' },
      title: { type: 'string' },
      version: ref('VersionWindow'),
      rulesetHash: { type: 'string' },
      at: { ...date, description: 'The evaluation date used.' },
      outcome: { enum: ['allow', 'deny'] },
      violations: { type: 'array', items: ref('Violation'), description: 'Every failing requirement.' },
      outputs: { type: 'object' },
      trace: ref('Trace'),
    },
  },
  DecisionRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['facts'],
    properties: {
      facts: { type: 'object', description: "The facts, as the policy's facts schema describes them." },
      at: {
        ...date,
        description: "Evaluation date; default: the policy's date fact, else today (Europe/Rome).",
      },
      trace: { type: 'boolean', default: false },
    },
  },
  LoggedDecision: {
    type: 'object',
    required: words('decisionId time policy rulesetHash at facts redacted outcome violations outputs'),
    properties: {
      decisionId: { type: 'string', description: 'As in the decision answer.' },
      time: { type: 'string', format: 'date-time' },
      policy: { type: 'string' },
      rulesetHash: { type: 'string' },
      at: date,
      facts: { type: 'object', description: 'The facts given, without the secret ones.' },
      redacted: { ...stringList, description: 'Names of the secret facts left out.' },
      masked: {
        ...stringList,
        description: 'JSON pointers of the personal facts whose values were masked ("***") in the log.',
      },
      computed: {
        type: 'object',
        description: 'Derived facts, kept when facts were redacted or masked, for replay.',
      },
      outcome: { enum: ['allow', 'deny'] },
      violations: { type: 'array', items: ref('Violation') },
      outputs: { type: 'object' },
    },
  },
  ReplayResult: {
    type: 'object',
    required: ['decisionId', 'rulesetHash', 'same', 'differences', 'replayed'],
    properties: {
      decisionId: { type: 'string' },
      rulesetHash: { type: 'string', description: 'The ruleset that made the decision, used again.' },
      same: { type: 'boolean' },
      differences: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'logged', 'replayed'],
          properties: { field: { type: 'string' }, logged: {}, replayed: {} },
        },
      },
      replayed: { type: 'object', description: 'The decision as made again (without decisionId).' },
    },
  },
  PolicySummary: {
    type: 'object',
    required: ['id', 'title', 'spec', 'versions', 'currentVersion'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      spec: stringList,
      versions: { type: 'array', items: ref('VersionWindow') },
      currentVersion: { oneOf: [ref('VersionWindow'), { type: 'null' }] },
    },
  },
  PolicyList: {
    type: 'object',
    required: ['policies'],
    properties: { policies: { type: 'array', items: ref('PolicySummary') } },
  },
  PolicyDetail: {
    type: 'object',
    required: [
      'id',
      'title',
      'file',
      'rulesetHash',
      'sources',
      'facts',
      'messages',
      'versions',
      'parameters',
    ],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      spec: stringList,
      file: { type: 'string' },
      rulesetHash: { type: 'string' },
      sources: stringList,
      assumptions: stringList,
      facts: { type: 'object', description: 'JSON Schema of the facts.' },
      secretFacts: stringList,
      personalFacts: { ...stringList, description: 'JSON pointers of the facts masked in the decision log.' },
      defaultAt: { type: 'string' },
      messages: { type: 'object', additionalProperties: ref('Messages') },
      currentVersion: { oneOf: [ref('VersionWindow'), { type: 'null' }] },
      versions: {
        type: 'array',
        items: {
          allOf: [ref('VersionWindow')],
          type: 'object',
          properties: {
            rules: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'description', 'source', 'effect'],
                properties: {
                  name: { type: 'string' },
                  description: { type: 'string' },
                  source: { type: 'string' },
                  effect: { enum: ['violation', 'output'] },
                  code: { type: 'string' },
                  conditions: {
                    type: 'object',
                    description:
                      'The conditions as written in the rule file (json-rules-engine all/any/not of {fact, operator, value}).',
                  },
                },
              },
            },
            parameters: stringList,
          },
        },
      },
      parameters: { type: 'array', items: ref('ParameterDetail') },
    },
  },
  ParameterDetail: {
    type: 'object',
    required: ['name', 'description', 'file', 'valueToday', 'history'],
    properties: {
      name: { type: 'string' },
      description: { type: 'string' },
      spec: stringList,
      unit: { type: 'string' },
      file: { type: 'string' },
      valueToday: {},
      history: {
        type: 'array',
        items: {
          type: 'object',
          required: ['from', 'value', 'source'],
          properties: { from: date, value: {}, source: { type: 'string' } },
        },
      },
    },
  },
  RulesStatus: {
    type: 'object',
    description:
      'The rule set serving, the files on disk and why they differ [#17]. `hash` is the content hash of every file under rules/ (suites and schemas included), as `pa-policy lint` prints it (`files sha256:…`).',
    required: ['serving', 'disk', 'state', 'problems'],
    properties: {
      serving: {
        type: 'object',
        required: ['hash', 'rulesetHash', 'since'],
        properties: {
          hash: { type: 'string', description: 'Content hash of the files serving.' },
          rulesetHash: {
            type: 'string',
            description: 'Hash of the policies and parameters serving: the `rulesetHash` of decisions.',
          },
          since: { type: 'string', format: 'date-time' },
        },
      },
      disk: {
        type: 'object',
        required: ['hash', 'checkedAt'],
        description:
          'The files as last read (watcher event, poll every RULES_POLL_MS, or the admin reload); with RULES_SOURCE=store, the latest publication (poll every RULES_STORE_POLL_MS).',
        properties: {
          hash: { type: ['string', 'null'], description: 'null when the folder cannot be read.' },
          checkedAt: { type: 'string', format: 'date-time' },
        },
      },
      state: {
        enum: ['current', 'rejected', 'unreadable'],
        description:
          '`current`: the disk serves; `rejected`: the files on disk do not load, have an unsafe regular expression or fail a suite, and the set serving stays; `unreadable`: the folder cannot be read.',
      },
      problems: {
        type: 'array',
        items: { type: 'string' },
        description: '`file:line:column  reason (/json/pointer)`, one per problem; empty when current.',
        examples: [
          [
            'account/lockout.suite.yaml:7:5  case "An account with no wrong password has every attempt left" fails: outputs.maxFailedAttempts expected 5, got 0 (/cases/0/name)',
          ],
        ],
      },
      evaluatorFallbacks: {
        type: 'object',
        required: ['total', 'byPolicy'],
        description:
          'GET /v1/rules/status only: how often json-rules-engine answered instead of the compiled evaluator since the service started, by policy and reason (`not-compilable`: the compiler does not model the version; `evaluation-failed`: the evaluation fails and json-rules-engine words the error). Each one is also logged.',
        properties: {
          total: { type: 'integer', minimum: 0 },
          byPolicy: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              properties: {
                'not-compilable': { type: 'integer', minimum: 1 },
                'evaluation-failed': { type: 'integer', minimum: 1 },
              },
            },
          },
        },
      },
      // [#19] Which instance answers and where its rules come from (`disk.checkedAt`: its last check).
      instance: { type: 'string', description: 'INSTANCE_ID, else hostname:pid.' },
      source: {
        enum: ['files', 'store'],
        description: 'RULES_SOURCE: the folder RULES_DIR, or the latest set published in MongoDB.',
      },
      publication: {
        oneOf: [ref('Publication'), { type: 'null' }],
        description: 'The publication serving (source store); null for files.',
      },
      latestPublication: {
        oneOf: [ref('Publication'), { type: 'null' }],
        description:
          'The newest publication seen at the last check; differs from `publication` while it is checked or after it was rejected (`problems`).',
      },
      lastError: {
        type: ['string', 'null'],
        description: 'Why the source is not serving as last read (the first problem); null when current.',
      },
    },
  },
  ImpactAnswer: {
    oneOf: [
      {
        type: 'object',
        required: ['outcome', 'violations', 'outputs'],
        properties: {
          outcome: { enum: ['allow', 'deny'] },
          violations: { ...stringList, description: 'Violation codes, sorted.' },
          outputs: { type: 'object' },
        },
      },
      {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'string', description: 'The evaluation error code.' } },
      },
    ],
  },
  PolicyImpact: {
    type: 'object',
    required: [
      'policy',
      'decisions',
      'cases',
      'changed',
      'outcomes',
      'violations',
      'outputs',
      'errors',
      'examples',
    ],
    properties: {
      policy: { type: 'string' },
      decisions: { type: 'integer', description: 'Logged decisions evaluated.' },
      cases: { type: 'integer', description: 'Suite cases evaluated.' },
      changed: { type: 'integer', description: 'Decisions and cases whose answer changes.' },
      outcomes: { type: 'integer' },
      violations: { type: 'integer' },
      outputs: { type: 'integer' },
      errors: { type: 'integer' },
      examples: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'id', 'at', 'changed', 'before', 'after'],
          properties: {
            kind: { enum: ['decision', 'case'] },
            id: { type: 'string', description: 'The decision id, or `file: case name`.' },
            at: date,
            changed: stringList,
            before: ref('ImpactAnswer'),
            after: ref('ImpactAnswer'),
          },
        },
      },
    },
  },
  ImpactReport: {
    type: 'object',
    required: words('beforeHash afterHash decisions cases policies changedDecisions limit since'),
    properties: {
      beforeHash: { type: 'string', description: 'The set serving.' },
      afterHash: { type: 'string', description: 'The files on disk.' },
      decisions: { type: 'integer' },
      cases: { type: 'integer' },
      policies: { type: 'array', items: ref('PolicyImpact') },
      changedDecisions: { ...stringList, description: 'Ids of the logged decisions whose answer changes.' },
      changedOutcomes: {
        ...stringList,
        description: 'Of those, the ids whose outcome changes (or that fail under one set only).',
      },
      limit: { type: 'integer' },
      since: { type: ['string', 'null'] },
    },
  },
  ReloadResult: {
    allOf: [
      ref('RulesStatus'),
      {
        type: 'object',
        required: ['changed'],
        properties: {
          changed: { type: 'boolean', description: 'Whether the ruleset hash serving changed.' },
        },
      },
    ],
  },
  RulesProblem: {
    description:
      'RULES_INVALID (422) or RULES_UNREADABLE (503): a problem document that is also the rule set status; RULES_INVALID adds `violations` (file, JSON path, line, column, reason) and `servingHash`.',
    allOf: [ref('Problem'), ref('RulesStatus')],
  },
  Readiness: {
    type: 'object',
    required: ['status', 'reasons', 'checks'],
    properties: {
      status: { enum: ['ready', 'not-ready'] },
      reasons: { type: 'array', items: { type: 'string' } },
      checks: {
        type: 'object',
        required: ['store', 'rules', 'rulesetHash', 'dispatcher', 'draining'],
        properties: {
          store: { enum: ['ok', 'unreachable'] },
          rules: {
            enum: ['current', 'rejected', 'unreadable'],
            description: 'A rejected edit leaves the instance ready: the last good set serves.',
          },
          rulesetHash: { type: 'string' },
          dispatcher: { enum: ['running', 'stopped'] },
          draining: { type: 'boolean' },
        },
      },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'rulesetHash', 'rules'],
    properties: {
      status: { const: 'ok' },
      rulesetHash: { type: 'string' },
      rules: ref('RulesStatus'),
    },
  },
};

const problemResponse = (description: string): JsonObject => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

export const STATIC_RESPONSES: Record<string, JsonObject> = {
  BadRequest: problemResponse(
    "MALFORMED_JSON, or INVALID_REQUEST: the body, a query or a path parameter breaks the operation's schema (`violations` names each field).",
  ),
  Unauthorized: problemResponse('UNAUTHENTICATED: no API key, or an unknown one.'),
  Forbidden: problemResponse("FORBIDDEN: the API key's role does not allow this operation."),
  NotFound: problemResponse('UNKNOWN_POLICY, UNKNOWN_DECISION or NOT_FOUND.'),
  Conflict: problemResponse('RULESET_UNAVAILABLE: the ruleset of the decision is not archived.'),
  PayloadTooLarge: problemResponse('PAYLOAD_TOO_LARGE.'),
  UnsupportedMediaType: problemResponse('UNSUPPORTED_MEDIA_TYPE: send application/json.'),
  Unprocessable: problemResponse(
    "INVALID_FACTS (the facts break the policy's facts schema; violations name each field), NO_VERSION_IN_FORCE or EVALUATION_FAILED.",
  ),
  Internal: problemResponse('INTERNAL: an unexpected error; no details are disclosed.'),
  Problem: problemResponse(
    'A problem with a stable `code`; `violations` name each wrong field or unmet requirement.',
  ),
};

export const responseRef = (name: string): JsonObject => ({ $ref: `#/components/responses/${name}` });
