// [#19] Every request ends: a POST/PUT/PATCH whose body is empty — no Content-Length at all, or an
// empty chunked body — gets a problem at once over a real socket, on the engine's routes and on
// the procedures' routes alike. Sent with node:http so nothing adds a Content-Length.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { DECIDE_DEADLINE, KEYS, startTestService } from './support.js';

let server: ServerType;
let port: number;

beforeAll(async () => {
  const service = await startTestService();
  const app = resolve(service.container, TOKENS.HttpApp);
  await new Promise<void>((done) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      done();
    });
  });
});
afterAll(() => {
  server.close();
  if ('closeAllConnections' in server) server.closeAllConnections();
});

/** Sends headers and an empty body; resolves with the status, or 'hung' after 3 s. */
function send(method: string, path: string, framing: 'none' | 'chunked' | 'zero'): Promise<number | 'hung'> {
  return new Promise((done, fail) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${KEYS.admin}`,
      'content-type': 'application/json',
    };
    if (framing === 'chunked') headers['transfer-encoding'] = 'chunked';
    if (framing === 'zero') headers['content-length'] = '0';
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        done(res.statusCode ?? 0);
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      done('hung');
    }, 3_000);
    req.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    req.end();
  });
}

const ROUTES: [string, string][] = [
  ['POST', DECIDE_DEADLINE],
  ['POST', '/v1/albo/registrations'],
  ['PUT', '/v1/albo/companies/X1/fleet'],
  ['PATCH', '/v1/cns/applications/none'],
  ['POST', '/v1/pagopa/receipts'],
];

describe('an empty request body', () => {
  for (const [method, path] of ROUTES)
    for (const framing of ['none', 'chunked', 'zero'] as const)
      it(`${method} ${path} with ${framing === 'none' ? 'no framing' : framing} is answered`, async () => {
        const status = await send(method, path, framing);
        expect(status).not.toBe('hung');
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      });
});
