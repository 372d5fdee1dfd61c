// Publishing a rule set through an instance [#19]: an admin sends the files (or asks for the
// instance's RULES_DIR) and every instance that follows the store serves them within its poll,
// once they pass its own gate. Refused, with every failing file and case, unless the set loads and
// every suite passes with derived coverage; the same set as the latest publication records nothing.
import { Type } from '@sinclair/typebox';
import { allowRoles } from '../auth.js';
import { ruleViolations } from '../error-mapping.js';
import { readBody } from '../json-body.js';
import { type JsonObject, ref, responseRef } from '../openapi/components.js';
import { problem, problemResponse } from '../problem.js';
import type { RouteModule } from '../route-module.js';

const PATH = '/v1/admin/rules/publications';

/** The body, and its OpenAPI schema (PublishRequest): the document says what the server checks. */
const PublishBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 1000, examples: ['2017 payment deadline extended'] }),
    by: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Default: the API key’s label.' }),
    ),
    files: Type.Optional(
      Type.Array(
        Type.Object(
          {
            path: Type.String({
              minLength: 1,
              maxLength: 500,
              examples: ['albo/payment-deadline.parameters.json'],
            }),
            content: Type.String(),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 5000 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const rulesPublicationModule: RouteModule = {
  name: 'rules-publications',
  register(app, { rulesPublisher, logger, registry, rules }) {
    if (!rulesPublisher) return;
    app.post(PATH, allowRoles('admin'), async (c) => {
      const body = await readBody(c, PublishBody);
      if (!body.ok) return body.response;
      const caller = c.get('caller');
      const by = body.value.by ?? (caller.kind === 'service' ? caller.label : caller.kind);
      let files = body.value.files;
      if (!files)
        try {
          files = await rulesPublisher.readRulesDir();
        } catch (e) {
          return problemResponse(
            problem('RULES_UNREADABLE', `RULES_DIR cannot be read: ${(e as Error).message}`, {
              rulesDir: rulesPublisher.rulesDir,
            }),
          );
        }
      const result = await rulesPublisher.publish({ files, by, reason: body.value.reason });
      if (!result.ok) {
        logger.warn(
          { hash: result.hash, by, problems: result.issues.length },
          'rule set publication refused',
        );
        return problemResponse(
          problem(
            'RULES_INVALID',
            `${result.issues.length} problem(s) in the rule files; nothing was published.`,
            {
              hash: result.hash,
              violations: ruleViolations(result.issues),
            },
          ),
        );
      }
      const { recorded, publication } = result;
      // This instance serves its own publication at once when it follows the store (the gate's
      // verdict is kept, so this costs a read); the others find it at their next poll.
      if (recorded && rules?.origin.source === 'store') await registry.refresh();
      logger.info(
        { ...publication, recorded },
        recorded ? 'rule set published' : 'rule set already published',
      );
      return c.json({ recorded, publication }, recorded ? 201 : 200);
    });
  },
  openApi: {
    paths: {
      [PATH]: {
        post: {
          tags: ['admin'],
          operationId: 'publishRules',
          summary:
            'Publish a rule set to every instance that follows the store (RULES_SOURCE=store); refused unless it loads and every suite passes with coverage',
          description:
            'Roles: admin. The set is the `files` sent (every file under a rules folder: policies, parameters, suites and schemas, paths relative to it), or this instance’s RULES_DIR when `files` is absent. It is judged as a service judges a set before serving it, then archived by content hash (immutable) and recorded as the next publication with `by` (default: the API key’s label), the time and `reason`. The same set as the latest publication records nothing (200, `recorded: false`); a set published before and since replaced is recorded again (a rollback). Instances following the store serve it within RULES_STORE_POLL_MS plus their own check (this one at once); GET /v1/rules/status on each shows it.',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('PublishRequest') } },
          },
          responses: {
            201: publicationResponse('Published: a new publication was recorded.'),
            200: publicationResponse('Already the latest publication: nothing was recorded.'),
            400: responseRef('BadRequest'),
            422: {
              description:
                'RULES_INVALID: refused, nothing published; `violations` names each failing file, JSON path, line, column and reason (a failing suite case by its file and `/cases/N/name`).',
              content: { 'application/problem+json': { schema: ref('Problem') } },
            },
            503: {
              description: 'RULES_UNREADABLE: no `files` were sent and RULES_DIR cannot be read.',
              content: { 'application/problem+json': { schema: ref('Problem') } },
            },
            401: responseRef('Unauthorized'),
            403: responseRef('Forbidden'),
            500: responseRef('Internal'),
          },
        },
      },
    },
    schemas: {
      PublishRequest: JSON.parse(JSON.stringify(PublishBody)) as JsonObject,
      Publication: {
        type: 'object',
        required: ['hash', 'rulesetHash', 'by', 'at', 'reason', 'sequence'],
        properties: {
          hash: {
            type: 'string',
            description: 'Content hash of every file published (the status’s `serving.hash`).',
          },
          rulesetHash: {
            type: 'string',
            description: 'Hash of the policies and parameters: decisions’ `rulesetHash`.',
          },
          by: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          reason: { type: 'string' },
          sequence: { type: 'integer', minimum: 1, description: 'The highest is the one in force.' },
        },
      },
      PublicationResult: {
        type: 'object',
        required: ['recorded', 'publication'],
        properties: { recorded: { type: 'boolean' }, publication: ref('Publication') },
      },
    },
  },
};

function publicationResponse(description: string) {
  return {
    description,
    content: { 'application/json': { schema: ref('PublicationResult') } },
  };
}
