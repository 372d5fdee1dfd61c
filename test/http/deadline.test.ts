// [#19] A handler that does not answer within the deadline gets a 503 problem with Retry-After.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { deadline } from '../../src/adapters/http/deadline.js';

const app = new Hono();
app.use(deadline(100));
app.get('/hangs', () => new Promise<Response>(() => {}));
app.get('/slow', async (c) => {
  await new Promise((done) => setTimeout(done, 20));
  return c.text('done');
});

describe('the request deadline', () => {
  it('answers 503 with Retry-After when the handler never ends', async () => {
    const response = await app.request('/hangs');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'DEADLINE_EXCEEDED' });
  });

  it('lets a handler within the deadline answer', async () => {
    const response = await app.request('/slow');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('done');
  });
});
