// pagoPA's published GPD OpenAPI document (PagoPA API Debt Position, v1.1.37, copied unchanged into
// published/), as JSON Schema checks of one operation's request body or answer. The simulator
// refuses what this document refuses, and the contract tests hold the client's bodies to it: a
// restatement of GPD's model of our own could only agree with us.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const GPD_DEBT_POSITIONS_DOCUMENT = new URL(
  './published/pagopa-gpd-debt-positions-v1.openapi.json',
  import.meta.url,
);
const ID = 'urn:pagopa:gpd-debt-positions-v1';

export interface GpdIssue {
  path: string;
  reason: string;
}
export type GpdCheck = (value: unknown) => GpdIssue[];

interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

let loaded: { ajv: Ajv2020; operations: Map<string, Operation> } | null = null;

function published(): { ajv: Ajv2020; operations: Map<string, Operation> } {
  if (loaded) return loaded;
  const document = JSON.parse(readFileSync(GPD_DEBT_POSITIONS_DOCUMENT, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; `example` and the like are annotations.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, logger: false });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: ID });
  const operations = new Map<string, Operation>();
  for (const item of Object.values(document.paths))
    for (const operation of Object.values(item))
      if (operation.operationId) operations.set(operation.operationId, operation);
  loaded = { ajv, operations };
  return loaded;
}

const compiled = new Map<string, ValidateFunction>();

function check(ref: string | undefined, what: string): GpdCheck {
  if (!ref?.startsWith('#/')) throw new Error(`GPD document: ${what} has no schema reference`);
  let validate = compiled.get(ref);
  if (!validate) {
    validate = published().ajv.compile({ $ref: `${ID}${ref}` });
    compiled.set(ref, validate);
  }
  const v = validate;
  return (value) =>
    v(value)
      ? []
      : (v.errors ?? []).map((e) => ({
          path: e.instancePath || '/',
          reason:
            e.keyword === 'required'
              ? `${(e.params as { missingProperty: string }).missingProperty} is required`
              : (e.message ?? e.keyword),
        }));
}

function operation(operationId: string): Operation {
  const found = published().operations.get(operationId);
  if (!found) throw new Error(`GPD document: no operation ${operationId}`);
  return found;
}

/** The published schema of the operation's JSON request body. */
export function gpdRequestCheck(operationId: string): GpdCheck {
  const schema = operation(operationId).requestBody?.content?.['application/json']?.schema;
  return check(schema?.$ref, `${operationId} request`);
}

/** The published schema of the operation's JSON answer with this status. */
export function gpdResponseCheck(operationId: string, status: number): GpdCheck {
  const schema = operation(operationId).responses?.[String(status)]?.content?.['application/json']?.schema;
  return check(schema?.$ref, `${operationId} ${status}`);
}
