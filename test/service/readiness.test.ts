// [#19] /readyz: 200 when the instance should get traffic; 503 with the reasons when it is shutting
// down, its dispatcher is not running or (store-faults.test.ts) its store does not answer. /healthz
// (liveness) stays 200 through all of it.
import { describe, expect, it } from 'vitest';
import { startService } from '../../src/adapters/service.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { LOOPBACK_SERVICE, startTestService } from '../http/support.js';

const readyz = async (base: string) => {
  const response = await fetch(`${base}/readyz`);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; reasons: string[]; checks: Record<string, unknown> },
  };
};

describe('/readyz', () => {
  it('is 200 on a running service, with what it checked', async () => {
    const service = await startService({
      ...LOOPBACK_SERVICE,
    });
    try {
      const { status, body } = await readyz(service.url);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'ready',
        reasons: [],
        checks: { store: 'ok', rules: 'current', dispatcher: 'running', draining: false },
      });
    } finally {
      await service.close();
    }
  });

  it('says not ready once shutdown starts', async () => {
    const service = await startService({
      ...LOOPBACK_SERVICE,
    });
    const closing = service.close();
    const app = resolve(service.container, TOKENS.HttpApp);
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reasons: string[] }).reasons).toContain('shutting down');
    expect((await app.request('/healthz')).status).toBe(200);
    await closing;
  });

  it('says not ready when the dispatcher does not run (a container built alone)', async () => {
    const service = await startTestService();
    const response = await service.request('/readyz');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reasons: string[] }).reasons).toContain(
      'the mail dispatcher is not running',
    );
  });
});
