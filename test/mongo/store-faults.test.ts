// [#19] MongoDB hung or down: a request that needs the store is answered 503 problem+json with
// Retry-After within a bounded time (never a 500 after tens of seconds), and the service recovers
// by itself once the store is back. Runs on a FerretDB of its own, so it can be stopped (SIGSTOP:
// hung) and killed and restarted on the same data (down); skipped where FerretDB cannot be had.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningService, startService } from '../../src/adapters/service.js';
import { DECIDE_DEADLINE, KEYS, LOOPBACK_SERVICE, ON_TIME } from '../http/support.js';
import { canRunFerretDb, type RunningFerretDb, startFerretDb } from '../support/ferretdb.js';

const STORE_TIMEOUT_MS = 1_000;
let ferret: RunningFerretDb;
let service: RunningService;

const available = await canRunFerretDb();

beforeAll(async () => {
  if (!available) return;
  ferret = await startFerretDb();
  service = await startService({
    ...LOOPBACK_SERVICE,
    mongodbUri: `${ferret.uri}store_faults`,
    storeTimeoutMs: STORE_TIMEOUT_MS,
  });
}, 120_000);
afterAll(async () => {
  if (!available) return;
  process.kill(ferret.pid, 'SIGCONT');
  await service?.close();
  await ferret?.stop();
});

async function decide(): Promise<{
  status: number;
  ms: number;
  body: Record<string, unknown>;
  retryAfter: string | null;
}> {
  const started = Date.now();
  const response = await fetch(`${service.url}${DECIDE_DEADLINE}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEYS.service}`, 'content-type': 'application/json' },
    body: JSON.stringify({ facts: ON_TIME, at: '2017-01-20' }),
  });
  return {
    status: response.status,
    ms: Date.now() - started,
    body: (await response.json()) as Record<string, unknown>,
    retryAfter: response.headers.get('retry-after'),
  };
}

/** Polls until a decision is answered 200, for at most `ms`; returns how long it took. */
async function recovered(ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if ((await decide()).status === 200) return Date.now() - started;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`not recovered within ${ms} ms`);
}

describe.skipIf(!available)('MongoDB hung or down', () => {
  it('answers 503 with Retry-After within the bound while the store hangs, then recovers', async () => {
    expect((await decide()).status).toBe(200);
    process.kill(ferret.pid, 'SIGSTOP');
    try {
      const answer = await decide();
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(answer.retryAfter).not.toBeNull();
      expect(answer.ms).toBeLessThan(3 * STORE_TIMEOUT_MS + 500);
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: { store: string } }).checks.store).toBe('unreachable');
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      process.kill(ferret.pid, 'SIGCONT');
    }
    expect(await recovered(10_000)).toBeLessThan(10_000);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
  }, 30_000);

  it('answers 503 while the store is down, and recovers once it is restarted on the same data', async () => {
    const { port, data } = ferret;
    await ferret.stop({ keepData: true });
    const answer = await decide();
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(answer.ms).toBeLessThan(3 * STORE_TIMEOUT_MS + 500);
    ferret = await startFerretDb(() => {}, { port, data });
    expect(await recovered(10_000)).toBeLessThan(10_000);
  }, 60_000);
});
