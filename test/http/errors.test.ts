// Bad input is answered 400/404/422 in problem+json, naming the field; never 500 [§5].
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.js';
import type { Problem } from '../../src/adapters/http/problem.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { PolicyCatalog } from '../../src/application/policies/policy-catalog.js';
import { DECIDE_DEADLINE, json, KEYS, ON_TIME, startTestService, type TestService } from './support.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});

async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await json<Problem>(response);
  expect(body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(body.detail).toEqual(expect.any(String));
  expect(response.status).toBe(status);
  return body;
}

describe('the request body', () => {
  it('400 MALFORMED_JSON for text that is not JSON', async () => {
    await expectProblem(await service.postRaw(DECIDE_DEADLINE, '{"facts": {'), 400, 'MALFORMED_JSON');
  });

  it('400 MALFORMED_JSON for an empty body', async () => {
    await expectProblem(await service.postRaw(DECIDE_DEADLINE, ''), 400, 'MALFORMED_JSON');
  });

  it('400 INVALID_REQUEST for an array body', async () => {
    const p = await expectProblem(await service.post(DECIDE_DEADLINE, [ON_TIME]), 400, 'INVALID_REQUEST');
    expect(p.violations).toEqual([{ field: '/', reason: expect.stringContaining('object') }]);
  });

  it('400 INVALID_REQUEST naming an unknown top-level field', async () => {
    const p = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: ON_TIME, when: '2017-01-01' }),
      400,
      'INVALID_REQUEST',
    );
    expect(p.violations).toEqual([{ field: '/when', reason: expect.stringContaining('unknown field') }]);
  });

  it('400 INVALID_REQUEST when facts are missing or not an object', async () => {
    const missing = await expectProblem(await service.post(DECIDE_DEADLINE, {}), 400, 'INVALID_REQUEST');
    expect(missing.violations).toEqual([{ field: '/facts', reason: 'is required' }]);
    const list = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: [] }),
      400,
      'INVALID_REQUEST',
    );
    expect(list.violations).toEqual([{ field: '/facts', reason: expect.stringContaining('object') }]);
  });

  it.each([['2017-02-30'], ['15/01/2017'], [20170115], ['2017-1-5']])(
    '400 naming /at for at=%j',
    async (at) => {
      const p = await expectProblem(
        await service.post(DECIDE_DEADLINE, { facts: ON_TIME, at }),
        400,
        'INVALID_REQUEST',
      );
      expect(p.violations).toEqual([{ field: '/at', reason: expect.stringContaining('date') }]);
    },
  );

  it('400 naming /trace when it is not a boolean', async () => {
    const p = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: ON_TIME, trace: 'yes' }),
      400,
      'INVALID_REQUEST',
    );
    expect(p.violations).toEqual([{ field: '/trace', reason: expect.stringContaining('boolean') }]);
  });

  it('reports every wrong field at once', async () => {
    const p = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: 1, at: 'soon', trace: 1, extra: true }),
      400,
      'INVALID_REQUEST',
    );
    expect(p.violations?.map((v) => ('field' in v ? v.field : v.path)).sort()).toEqual([
      '/at',
      '/extra',
      '/facts',
      '/trace',
    ]);
  });

  it('415 for a body that is not sent as JSON', async () => {
    const response = await service.postRaw(
      DECIDE_DEADLINE,
      'facts=1',
      'service',
      'application/x-www-form-urlencoded',
    );
    await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 for a body over 1 MiB', async () => {
    const big = JSON.stringify({
      facts: { year: 2017, paymentDate: '2017-01-15', pad: 'x'.repeat(1_100_000) },
    });
    await expectProblem(await service.postRaw(DECIDE_DEADLINE, big), 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('the facts', () => {
  it('422 INVALID_FACTS naming an unknown fact', async () => {
    const p = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: { ...ON_TIME, colour: 'red' } }),
      422,
      'INVALID_FACTS',
    );
    expect(p.violations).toEqual([{ field: '/colour', reason: 'unknown field' }]);
  });

  it('422 INVALID_FACTS naming a fact of the wrong type', async () => {
    const p = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: { year: '2017', paymentDate: '2017-01-15' } }),
      422,
      'INVALID_FACTS',
    );
    expect(p.violations).toEqual([{ field: '/year', reason: expect.stringContaining('integer') }]);
  });

  it('422 INVALID_FACTS naming a missing fact and a malformed date', async () => {
    const p = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: { paymentDate: '2017-13-01' } }),
      422,
      'INVALID_FACTS',
    );
    expect(p.violations).toEqual(
      expect.arrayContaining([
        { field: '/year', reason: 'is required' },
        { field: '/paymentDate', reason: expect.stringContaining('date') },
      ]),
    );
  });

  it('422 NO_VERSION_IN_FORCE when no version covers `at`', async () => {
    const p = await expectProblem(
      await service.post(DECIDE_DEADLINE, { facts: ON_TIME, at: '2000-01-01' }),
      422,
      'NO_VERSION_IN_FORCE',
    );
    expect(p.at).toBe('2000-01-01');
  });

  it('404 UNKNOWN_POLICY for a policy that does not exist', async () => {
    await expectProblem(
      await service.post('/v1/policies/no.such/decisions', { facts: {} }),
      404,
      'UNKNOWN_POLICY',
    );
  });
});

describe('authentication and roles', () => {
  it('401 without a key, with a Bearer challenge', async () => {
    const response = await service.request('/v1/policies');
    await expectProblem(response, 401, 'UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('401 with an unknown key or another scheme', async () => {
    const unknown = await service.request('/v1/policies', {
      headers: { authorization: 'Bearer nope-nope-nope-nope' },
    });
    await expectProblem(unknown, 401, 'UNAUTHENTICATED');
    const basic = await service.request('/v1/policies', {
      headers: { authorization: `Basic ${KEYS.admin}` },
    });
    await expectProblem(basic, 401, 'UNAUTHENTICATED');
  });

  it('every role reads policies and asks for decisions', async () => {
    for (const role of ['service', 'operator', 'admin', 'auditor'] as const) {
      expect((await service.get('/v1/policies', role)).status).toBe(200);
      expect((await service.post(DECIDE_DEADLINE, { facts: ON_TIME }, role)).status).toBe(200);
    }
  });

  it('403 FORBIDDEN: replay needs auditor or admin', async () => {
    const made = await json<{ decisionId: string }>(await service.post(DECIDE_DEADLINE, { facts: ON_TIME }));
    for (const role of ['service', 'operator'] as const)
      await expectProblem(
        await service.post(`/v1/decisions/${made.decisionId}/replay`, undefined, role),
        403,
        'FORBIDDEN',
      );
    for (const role of ['auditor', 'admin'] as const)
      expect((await service.post(`/v1/decisions/${made.decisionId}/replay`, undefined, role)).status).toBe(
        200,
      );
  });

  it('403 FORBIDDEN: reload needs admin', async () => {
    for (const role of ['service', 'operator', 'auditor'] as const)
      await expectProblem(await service.post('/v1/admin/rules/reload', undefined, role), 403, 'FORBIDDEN');
    expect((await service.post('/v1/admin/rules/reload', undefined, 'admin')).status).toBe(200);
  });
});

describe('anything else', () => {
  it('404 NOT_FOUND problem for an unknown route', async () => {
    await expectProblem(await service.get('/v1/nothing-here'), 404, 'NOT_FOUND');
    await expectProblem(await service.request('/nothing'), 404, 'NOT_FOUND');
  });

  it('500 INTERNAL without a stack trace for an unexpected error', async () => {
    const c = service.container;
    const failing = {
      list: () => {
        throw new Error('catalogue exploded at /secret/path.ts:12');
      },
    };
    const app = createApp({
      registry: resolve(c, TOKENS.RulesetRegistry),
      decisions: resolve(c, TOKENS.DecisionService),
      catalog: failing as unknown as PolicyCatalog,
      keyring: resolve(c, TOKENS.ApiKeyring),
      logger: resolve(c, TOKENS.Logger),
      tokens: resolve(c, TOKENS.TokenIssuer),
      payments: { recordReceipt: resolve(c, TOKENS.RecordReceipt) },
      modules: [],
    });
    const response = await app.request('/v1/policies', {
      headers: { authorization: `Bearer ${KEYS.service}` },
    });
    const text = await response.clone().text();
    await expectProblem(response, 500, 'INTERNAL');
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('.ts');
  });
});
