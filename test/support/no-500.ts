// Shared by the fuzz tests: send a body to a route and require "never a 500; a 4xx is problem+json
// with a stable code" [§5].
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { FC_RUNS } from './load-rules.js';

export interface FuzzTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export async function expectNo500(
  target: FuzzTarget,
  route: { method: string; path: string },
  bearer: string,
  text: string,
): Promise<void> {
  const response = await target.request(route.path, {
    method: route.method,
    body: text,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
  });
  expect(response.status, `${route.method} ${route.path} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code?: string; status?: number };
    expect(problem.status).toBe(response.status);
    expect(problem.code).toMatch(/^[A-Z_]+$/);
  }
}

/** The properties every fuzzed set of routes holds: any JSON body and any text body, never a 500. */
export function itAnswersRandomBodiesWithoutA500<R>(
  routes: readonly R[],
  send: (route: R, text: string) => Promise<void>,
): void {
  it('answer any JSON body without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, body) =>
        send(route, JSON.stringify(body)),
      ),
      { numRuns: FC_RUNS },
    );
  });

  it('answer any text body without a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.string({ maxLength: 200 }), async (route, text) =>
        send(route, text),
      ),
      { numRuns: FC_RUNS },
    );
  });
}
