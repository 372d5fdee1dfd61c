// Served by @hono/node-server, as in production: the decision route reads the body straight from
// Node's request (request-text.ts) and the body limit checks Content-Length without touching the
// body. The other HTTP tests use `app.request()`, which never takes those paths.
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { DECIDE_DEADLINE, KEYS, ON_TIME, startTestService, type TestService } from './support.js';

let service: TestService;
let server: ServerType;
let base: string;

beforeAll(async () => {
  service = await startTestService();
  const app = resolve(service.container, TOKENS.HttpApp);
  await new Promise<void>((done) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      done();
    });
  });
});
afterAll(() => {
  server.close();
});

const headers = { authorization: `Bearer ${KEYS.service}`, 'content-type': 'application/json' };

/** A body sent chunked, without a Content-Length. */
function chunked(text: string): { body: ReadableStream<Uint8Array>; duplex: 'half' } {
  const bytes = new TextEncoder().encode(text);
  return {
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024)
          controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    }),
    duplex: 'half',
  };
}

const post = (text: string, init: Record<string, unknown> = { body: text }) =>
  fetch(`${base}${DECIDE_DEADLINE}`, { method: 'POST', headers, ...init } as RequestInit);

describe('the decision route on node-server', () => {
  it('answers as app.request() does, with a Content-Length body or a chunked one', async () => {
    const text = JSON.stringify({ facts: ON_TIME, at: '2017-01-20' });
    const expected = await (await service.postRaw(DECIDE_DEADLINE, text)).json();
    for (const response of [await post(text), await post(text, chunked(text))]) {
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect({ ...body, decisionId: 'x' }).toEqual({ ...(expected as object), decisionId: 'x' });
    }
  });

  it('drops a leading byte-order mark, as Request.text() does', async () => {
    const response = await post(`\uFEFF${JSON.stringify({ facts: ON_TIME })}`);
    expect(response.status).toBe(200);
  });

  it('413 for a body over 1 MiB, declared or chunked, and the server stays up', async () => {
    const big = JSON.stringify({ facts: { ...ON_TIME, pad: 'x'.repeat(1_100_000) } });
    for (const response of [await post(big), await post(big, chunked(big))]) {
      expect(response.status).toBe(413);
      expect(((await response.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    }
    expect((await post(JSON.stringify({ facts: ON_TIME }))).status).toBe(200);
  });

  it('reads a body exactly at the limit', async () => {
    const shell = JSON.stringify({ facts: { ...ON_TIME, pad: '' } });
    const text = JSON.stringify({ facts: { ...ON_TIME, pad: 'x'.repeat(1024 * 1024 - shell.length) } });
    expect(new TextEncoder().encode(text).length).toBe(1024 * 1024);
    // Through the limit, on to the facts check, which refuses the unknown fact.
    expect((await post(text)).status).toBe(422);
    expect((await post(text, chunked(text))).status).toBe(422);
  });
});
