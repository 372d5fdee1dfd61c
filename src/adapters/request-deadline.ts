// The deadline of the request being served, visible to the adapters it calls (a store waiting for a
// lock) without threading it through every use case: the HTTP deadline middleware sets it, and
// whoever waits reads it. Outside a request (background jobs) there is none.
import { AsyncLocalStorage } from 'node:async_hooks';

const deadlines = new AsyncLocalStorage<number>();

/** Runs `body` with `at` (epoch ms) as the deadline of the request it serves. */
export const withRequestDeadline = <T>(at: number, body: () => Promise<T>): Promise<T> =>
  deadlines.run(at, body);

/** The current request's deadline (epoch ms), or null outside a request. */
export const requestDeadline = (): number | null => deadlines.getStore() ?? null;
