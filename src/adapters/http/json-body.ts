// Reads a JSON request body against a TypeBox schema: malformed JSON → 400 MALFORMED_JSON, a body
// that breaks the schema → 400 INVALID_REQUEST naming each field (JSON Pointer) and why, the same
// answer on every route; 422 is left for well-formed requests a rule refuses. Unknown fields are refused when the
// schema says `additionalProperties: false`.
import type { Static, TSchema } from '@sinclair/typebox';
import type { Context } from 'hono';
import type { Validate } from '../../application/ports/schema-validator.js';
import { AjvSchemaValidator } from '../rules/ajv-schema-validator.js';
import { problem, problemResponse } from './problem.js';
import { requestHeader } from './request-header.js';
import { payloadTooLarge, requestText } from './request-text.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const validator = new AjvSchemaValidator();
const compiled = new WeakMap<TSchema, Validate>();

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function readBody<S extends TSchema>(c: Context, schema: S): Promise<BodyResult<Static<S>>> {
  const contentType = requestHeader(c, 'content-type');
  if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType))
    return fail(
      problemResponse(
        problem('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json, not ${contentType}.`),
      ),
    );
  const text = await requestText(c);
  if (text === null) return fail(payloadTooLarge());
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (e) {
    return fail(problemResponse(problem('MALFORMED_JSON', (e as Error).message)));
  }
  return checkAgainst(schema, body);
}

/** Validates any value (a body, query parameters) against a TypeBox schema. */
export function checkAgainst<S extends TSchema>(schema: S, value: unknown): BodyResult<Static<S>> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = validator.compile(JSON.parse(JSON.stringify(schema)) as object);
    compiled.set(schema, validate);
  }
  const issues = validate(value);
  if (issues.length === 0) return { ok: true, value: value as Static<S> };
  const violations = issues.map((i) => ({ field: i.path, reason: i.reason }));
  const detail = violations.map((v) => `${v.field} ${v.reason}`).join('; ');
  return fail(problemResponse(problem('INVALID_REQUEST', detail, { violations })));
}

const fail = (response: Response): { ok: false; response: Response } => ({ ok: false, response });
