// JSON Schema validation with Ajv (draft 2020-12, formats). Errors are reduced to the deepest ones,
// so a maintainer or caller reads "/fleet/0/massKg must be integer", not every branch Ajv tried.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaIssue, SchemaValidator, Validate } from '../../application/ports/schema-validator.js';
import { compareDates, isIsoDate } from '../../domain/dates.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export class AjvSchemaValidator implements SchemaValidator {
  private readonly ajv: Ajv2020;

  constructor() {
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: true });
    addFormats(this.ajv);
    // `date` is the engine's own test of a date: the same answers as ajv-formats' (a real calendar
    // date, YYYY-MM-DD; test/rules/ajv-date-format.property.test.ts compares them), without a
    // regular expression and its match array. Fact schemas check every vehicle's dates with it: it
    // was two thirds of validating a fleet.
    this.ajv.addFormat('date', { type: 'string', validate: isIsoDate, compare: compareDates });
  }

  compile(schema: object): Validate {
    const { $id: _ignored, ...rest } = schema as Record<string, unknown>;
    const check = this.ajv.compile(rest);
    return (data) => (check(data) ? [] : toIssues(check.errors ?? []));
  }
}

function toIssues(errors: ErrorObject[]): SchemaIssue[] {
  const allowedAt = allowedValuesByPath(errors);
  const issues = errors
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if')
    .map((e) => {
      if (e.keyword === 'additionalProperties') {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        return { path: `${e.instancePath}/${extra}`, reason: 'unknown field' };
      }
      if (e.keyword === 'required') {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        return { path: `${e.instancePath}/${missing}`, reason: 'is required' };
      }
      const path = e.instancePath || '/';
      const allowed = allowedAt.get(path);
      if (allowed && (e.keyword === 'enum' || e.keyword === 'const'))
        return { path, reason: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
      return { path, reason: e.message ?? e.keyword };
    });
  // Keep the deepest issues: a failing branch of a oneOf also fails every ancestor.
  const deepest = issues.filter((i) => !issues.some((o) => o !== i && o.path.startsWith(`${i.path}/`)));
  const seen = new Set<string>();
  return deepest.filter((i) => {
    const key = `${i.path} ${i.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The values an enum or const allows at each path, every branch of a oneOf together, so a caller
 * reads `/method must be one of "webcam", "counter", "cns"` once instead of a line per branch.
 */
function allowedValuesByPath(errors: ErrorObject[]): Map<string, unknown[]> {
  const allowed = new Map<string, unknown[]>();
  for (const e of errors) {
    const values =
      e.keyword === 'enum'
        ? (e.params as { allowedValues: unknown[] }).allowedValues
        : e.keyword === 'const'
          ? [(e.params as { allowedValue: unknown }).allowedValue]
          : [];
    const path = e.instancePath || '/';
    for (const v of values) {
      const list = allowed.get(path) ?? [];
      if (!list.includes(v)) list.push(v);
      allowed.set(path, list);
    }
  }
  return allowed;
}
