// requestHeader (src/adapters/http/request-header.ts) reads headers from Node's request when
// node-server serves the app, instead of the Web Headers that `c.req.header` builds: on a real
// socket, with repeated headers, mixed case and padded values, both give the same answer.

import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHeader } from '../../src/adapters/http/request-header.js';

const NAMES = [
  'authorization',
  'content-type',
  'content-length',
  'x-empty',
  'x-padded',
  'x-missing',
  'accept',
];

let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.all('/echo', (c) =>
    c.json(
      NAMES.map((name) => ({ name, ours: requestHeader(c, name) ?? null, hono: c.req.header(name) ?? null })),
    ),
  );
  await new Promise<void>((done) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      done();
    });
  });
});
afterAll(() => {
  server.close();
});

/** Sends `head` as written (header lines joined by CRLF) and returns the JSON answer. */
function raw(
  headerLines: string[],
): Promise<Array<{ name: string; ours: string | null; hono: string | null }>> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('end', () => done(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))));
    socket.on('error', fail);
    socket.write(['GET /echo HTTP/1.1', 'Host: x', 'Connection: close', ...headerLines, '', ''].join('\r\n'));
  });
}

describe('requestHeader on node-server', () => {
  it('answers as c.req.header for repeated, mixed-case, padded and missing headers', async () => {
    const cases = [
      ['Authorization: Bearer abc'],
      ['authorization: Bearer a', 'AUTHORIZATION: Bearer b'],
      ['Content-Type:   application/json  ', 'X-Padded: \t v \t', 'X-Empty:'],
      ['x-padded: one', 'X-Padded: two ', 'x-PADDED:   three', 'Accept: */*'],
    ];
    for (const lines of cases) {
      const answers = await raw(lines);
      expect(answers).toHaveLength(NAMES.length);
      for (const { name, ours, hono } of answers) expect(ours, `${name} in ${lines.join(' | ')}`).toBe(hono);
    }
    // The cases do exercise joining and trimming.
    const joined = await raw(['x-padded: one', 'X-Padded: two ']);
    expect(joined.find((a) => a.name === 'x-padded')?.ours).toBe('one, two');
  });
});
