// Every request ends [#19]: a handler still running after the deadline (a store that hangs, a lock
// held elsewhere) is answered 503 with Retry-After, so a caller never waits on us without bound.
// The handler is not cancelled: its writes are single-document and atomic, so finishing late
// leaves nothing half-written, and a retry meets the same guards (versions, idempotency keys).
import type { MiddlewareHandler } from 'hono';
import { withRequestDeadline } from '../request-deadline.js';
import { problem, problemResponse } from './problem.js';

export const DEFAULT_REQUEST_DEADLINE_MS = 30_000;

export function deadline(ms: number): MiddlewareHandler {
  return async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<true>((done) => {
      timer = setTimeout(() => done(true), ms);
    });
    try {
      // The deadline travels with the request, so a store waiting for a lock stops waiting too.
      const handled = withRequestDeadline(Date.now() + ms, next);
      if ((await Promise.race([handled, expired])) === true)
        c.res = problemResponse(
          problem('DEADLINE_EXCEEDED', `No answer within ${ms} ms; the request may be retried.`),
          { 'retry-after': '1' },
        );
    } finally {
      clearTimeout(timer);
    }
  };
}
