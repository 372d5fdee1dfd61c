// [#19] Shutdown lets requests in flight finish: once close() starts, new connections are refused,
// while a request whose body is still arriving gets its complete answer; close() then ends.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startService } from '../../src/adapters/service.js';
import { apiKeys, DECIDE_DEADLINE, KEYS, ON_TIME } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';

const start = () =>
  startService({ port: 0, hostname: '127.0.0.1', rulesDir: RULES_DIR, apiKeys, logLevel: 'silent' });

/** A decision request whose body is sent in two halves; `rest()` sends the second half. */
function slowDecision(port: number) {
  const body = JSON.stringify({ facts: ON_TIME, at: '2017-01-20' });
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: DECIDE_DEADLINE,
    headers: {
      authorization: `Bearer ${KEYS.service}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
  });
  const answer = new Promise<{ status: number; text: string }>((done, fail) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      res.on('error', fail);
    });
    req.on('error', fail);
  });
  req.write(body.slice(0, 10));
  return { answer, rest: () => req.end(body.slice(10)) };
}

const connects = (port: number) =>
  new Promise<boolean>((done) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      done(true);
    });
    req.on('error', () => done(false));
    req.end();
  });

describe('graceful shutdown', () => {
  it('answers a request in flight completely and refuses new connections', async () => {
    const service = await start();
    const inFlight = slowDecision(service.port);
    await new Promise((done) => setTimeout(done, 100));
    const closing = service.close();
    await new Promise((done) => setTimeout(done, 200));
    expect(await connects(service.port)).toBe(false);
    inFlight.rest();
    const { status, text } = await inFlight.answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ outcome: 'allow' });
    await closing;
  });

  it('closes at once when nothing is in flight', async () => {
    const service = await start();
    expect(await connects(service.port)).toBe(true);
    const started = Date.now();
    await service.close();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
