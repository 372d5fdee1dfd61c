// The body of `POST /v1/policies/{id}/decisions`: `{facts, at?, trace?}` and nothing else. Every
// problem is reported at once, each naming its field, so a caller fixes the request in one go.
import { isIsoDate } from '../../domain/dates.js';
import { type FieldViolation, type Problem, problem } from './problem.js';

export interface DecisionRequestBody {
  facts: Record<string, unknown>;
  at?: string;
  trace: boolean;
}

const FIELDS = ['facts', 'at', 'trace'];

export function parseDecisionRequest(
  text: string,
): { ok: true; value: DecisionRequestBody } | { ok: false; problem: Problem } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    const detail = text.trim() === '' ? 'The request body is empty.' : (e as Error).message;
    return { ok: false, problem: problem('MALFORMED_JSON', detail) };
  }
  if (!isPlainObject(body))
    return invalid([{ field: '/', reason: `must be a JSON object, got ${kindOf(body)}` }]);

  const violations: FieldViolation[] = [];
  for (const key of Object.keys(body))
    if (!FIELDS.includes(key))
      violations.push({
        field: `/${pointerToken(key)}`,
        reason: `unknown field; allowed: ${FIELDS.join(', ')}`,
      });
  if (!('facts' in body)) violations.push({ field: '/facts', reason: 'is required' });
  else if (!isPlainObject(body.facts))
    violations.push({ field: '/facts', reason: `must be a JSON object, got ${kindOf(body.facts)}` });
  if ('at' in body && !isIsoDate(body.at))
    violations.push({ field: '/at', reason: 'must be a date (YYYY-MM-DD) that exists' });
  if ('trace' in body && typeof body.trace !== 'boolean')
    violations.push({ field: '/trace', reason: `must be a boolean, got ${kindOf(body.trace)}` });
  if (violations.length > 0) return invalid(violations);

  return {
    ok: true,
    value: {
      facts: body.facts as Record<string, unknown>,
      ...(typeof body.at === 'string' ? { at: body.at } : {}),
      trace: body.trace === true,
    },
  };
}

function invalid(violations: FieldViolation[]): { ok: false; problem: Problem } {
  const fields = violations.map((v) => v.field).join(', ');
  return { ok: false, problem: problem('INVALID_REQUEST', `Check ${fields}.`, { violations }) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function pointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
