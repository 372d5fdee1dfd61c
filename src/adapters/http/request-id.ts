// Every request gets an id, answered in `X-Request-Id` and, on a problem, as the problem's
// `instance` (RFC 9457: the occurrence, not the kind), and written in the request's log lines, so a
// caller quoting a problem leads an operator to its log line. The id is the service's own: an id a
// caller sends could collide or carry anything into the log.
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

const ids = new WeakMap<Context, string>();

/** The id of the request being answered (undefined outside the middleware). */
export const requestIdOf = (c: Context): string | undefined => ids.get(c);

export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const id = randomUUID();
    ids.set(c, id);
    await next();
    // Problems are small and rare; each route answers them without knowing the request's id.
    if (c.res.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE)) {
      const problem = (await c.res.json()) as Record<string, unknown>;
      c.res = new Response(JSON.stringify({ ...problem, instance: id }), c.res);
    }
    c.res.headers.set('x-request-id', id);
  };
}
