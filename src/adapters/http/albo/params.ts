// Path and query values of the register routes, checked like bodies: a bad one is a 400 naming it.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { problem, problemResponse } from '../problem.js';

export type ParamResult<T> = { ok: true; value: T } | { ok: false; response: Response };

const invalid = (field: string, reason: string): { ok: false; response: Response } => ({
  ok: false,
  response: problemResponse(
    problem('INVALID_REQUEST', `${field} ${reason}.`, { violations: [{ field, reason }] }),
  ),
});

/** A fee year in the path: four digits, 2000 to 2100 (as the policies' facts allow). */
export function yearParam(c: Context<AppEnv>): ParamResult<number> {
  const text = c.req.param('year') ?? '';
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 2000 || year > 2100)
    return invalid('year', 'must be a year from 2000 to 2100');
  return { ok: true, value: year };
}

export function enumQuery<T extends string>(
  c: Context<AppEnv>,
  name: string,
  allowed: readonly T[],
): ParamResult<T | undefined> {
  const value = c.req.query(name);
  if (value === undefined) return { ok: true, value: undefined };
  if (!(allowed as readonly string[]).includes(value))
    return invalid(name, `must be one of ${allowed.join(', ')}`);
  return { ok: true, value: value as T };
}

/** The matricola of the company calling, or null for a service with an API key. */
export function callerMatricola(c: Context<AppEnv>): string | null {
  const caller = c.get('caller');
  return caller.kind === 'company' ? caller.matricola : null;
}
