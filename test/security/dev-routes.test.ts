// issue #16 item 9: /v1/dev/* (the embedded mailbox, the simulator's "pay") exists only with the
// embedded adapters and never when NODE_ENV=production; the banner line says which is the case.
import { describe, expect, it } from 'vitest';
import { buildContainer } from '../../src/adapters/composition-root.js';
import { readConfig } from '../../src/adapters/config.js';
import { describeDevRoutes, devRoutesFor } from '../../src/adapters/dev-routes.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import type { ServiceConfig } from '../../src/adapters/service-config.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { apiKeys, KEYS } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';

async function appWith(env: Record<string, string>) {
  const config = readConfig({ RULES_DIR, LOG_LEVEL: 'silent', ...env });
  if (!config.ok) throw new Error(config.errors.join('\n'));
  const serviceConfig: ServiceConfig = { ...config.value, apiKeys };
  const container = buildContainer(serviceConfig);
  await loadRules(container);
  const app = resolve(container, TOKENS.HttpApp);
  const auth = { authorization: `Bearer ${KEYS.operator}`, 'content-type': 'application/json' };
  return {
    config: serviceConfig,
    mailbox: () => app.request('/v1/dev/mailbox', { headers: auth }),
    pay: () =>
      app.request('/v1/dev/pagopa/payments', {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ noticeNumber: '347000000000000001' }),
      }),
    openApi: async () => JSON.stringify(await (await app.request('/openapi.json')).json()),
  };
}

const REAL_ADAPTERS = {
  SMTP_URL: 'smtp://127.0.0.1:1',
  PAGOPA_GPD_URL: 'http://127.0.0.1:1/gpd',
  PAGOPA_SUBSCRIPTION_KEY: 'k',
};

describe('/v1/dev/*', () => {
  it('is served with the embedded adapters outside production', async () => {
    const app = await appWith({ NODE_ENV: 'development' });
    expect((await app.mailbox()).status).toBe(200);
    expect((await app.pay()).status).toBe(404); // served: no position has that notice
    expect(await app.openApi()).toContain('/v1/dev/mailbox');
    expect(describeDevRoutes(devRoutesFor(app.config), false)).toMatch(/^Dev routes: ON/);
  });

  it('never exists with NODE_ENV=production, even with the embedded adapters', async () => {
    const app = await appWith({ NODE_ENV: 'production' });
    for (const answer of [await app.mailbox(), await app.pay()]) {
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await app.openApi()).not.toContain('/v1/dev/');
    expect(describeDevRoutes(devRoutesFor(app.config), true)).toBe('Dev routes: off (NODE_ENV=production)');
  });

  it('does not exist when mail goes over SMTP and pagoPA is GPD over HTTP', async () => {
    const app = await appWith({ NODE_ENV: 'development', ...REAL_ADAPTERS });
    expect((await app.mailbox()).status).toBe(404);
    expect((await app.pay()).status).toBe(404);
    expect(await app.openApi()).not.toContain('/v1/dev/');
    expect(describeDevRoutes(devRoutesFor(app.config), false)).toMatch(/^Dev routes: off/);
  });
});
