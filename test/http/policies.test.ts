// The policy catalogue, health, the OpenAPI document and Swagger UI [§5].
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDetail, PolicySummary } from '../../src/application/policies/policy-catalog.js';
import { loadRealRules } from '../support/load-rules.js';
import { json, startTestService, type TestService } from './support.js';

const loaded = await loadRealRules();
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});

describe('GET /v1/policies', () => {
  it('lists every policy with its version windows and the version in force today', async () => {
    const response = await service.get('/v1/policies');
    expect(response.status).toBe(200);
    const { policies } = await json<{ policies: PolicySummary[] }>(response);
    expect(policies.map((p) => p.id).sort()).toEqual([...loaded.ruleset.policies.keys()].sort());
    const deadline = policies.find((p) => p.id === 'albo.payment-deadline');
    expect(deadline).toMatchObject({
      title: expect.any(String),
      spec: ['P-DEADLINE'],
      versions: [{ effectiveFrom: '2016-11-11', effectiveTo: null }],
      currentVersion: { effectiveFrom: '2016-11-11', effectiveTo: null },
    });
  });
});

describe('GET /v1/policies/{id}', () => {
  it('shows versions with their rules, and the parameters read with dated history and sources', async () => {
    const response = await service.get('/v1/policies/albo.payment-deadline', 'operator');
    expect(response.status).toBe(200);
    const policy = await json<PolicyDetail>(response);
    expect(policy.facts).toMatchObject({ type: 'object', additionalProperties: false });
    expect(policy.sources.length).toBeGreaterThan(0);
    expect(policy.assumptions.length).toBeGreaterThan(0);
    expect(policy.messages.DEADLINE_PASSED).toMatchObject({ it: expect.any(String), en: expect.any(String) });
    expect(policy.versions[0]?.rules.map((r) => r.name)).toContain('payment-by-deadline');
    expect(policy.versions[0]?.rules[0]).toMatchObject({
      description: expect.any(String),
      source: expect.any(String),
    });
    expect(policy.parameters.map((p) => p.name)).toEqual([
      'albo.payment.deadline',
      'albo.payment.windowOpens',
    ]);
    const deadline = policy.parameters.find((p) => p.name === 'albo.payment.deadline');
    expect(deadline?.history.map((h) => h.from)).toEqual(['2016-11-11', '2016-12-30']);
    expect(deadline?.history.every((h) => h.source.length > 0)).toBe(true);
    expect(deadline?.file).toBe('albo/payment-deadline.parameters.json');
  });

  it('answers 404 with a problem for an unknown policy', async () => {
    const response = await service.get('/v1/policies/no.such-policy');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'UNKNOWN_POLICY' });
  });
});

describe('GET /healthz', () => {
  it('answers without a key, with the ruleset hash in force', async () => {
    const response = await service.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      rulesetHash: loaded.ruleset.hash,
      rules: { state: 'current', serving: { rulesetHash: loaded.ruleset.hash }, problems: [] },
    });
  });
});

describe('GET /openapi.json', () => {
  let doc: Record<string, unknown> & {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };
  beforeAll(async () => {
    const response = await service.request('/openapi.json');
    expect(response.status).toBe(200);
    doc = await json(response);
  });

  it('is an OpenAPI 3.1 document of every route, with bearer security', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, method] of [
      ['/healthz', 'get'],
      ['/openapi.json', 'get'],
      ['/docs', 'get'],
      ['/v1/policies', 'get'],
      ['/v1/policies/{id}', 'get'],
      ['/v1/policies/{id}/decisions', 'post'],
      ['/v1/decisions/{decisionId}', 'get'],
      ['/v1/decisions/{decisionId}/replay', 'post'],
      ['/v1/admin/rules/reload', 'post'],
      ['/v1/rules/status', 'get'],
    ] as const)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('documents one decision path per policy, with its facts schema as a component', () => {
    for (const policy of loaded.ruleset.policies.values()) {
      const name = `Facts.${policy.id}`;
      expect(doc.components.schemas[name], name).toMatchObject({ properties: policy.facts.properties });
      const operation = doc.paths[`/v1/policies/${policy.id}/decisions`]?.post;
      expect(JSON.stringify(operation?.requestBody)).toContain(`#/components/schemas/${name}`);
    }
  });

  it('has no dangling $ref', () => {
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v))
          k === '$ref' && typeof x === 'string' ? refs.push(x) : walk(x);
    };
    walk(doc);
    const dangling = refs.filter((r) => {
      let node: unknown = doc;
      for (const token of r.slice(2).split('/'))
        node = (node as Record<string, unknown> | undefined)?.[
          token.replaceAll('~1', '/').replaceAll('~0', '~')
        ];
      return node === undefined;
    });
    expect(refs.length).toBeGreaterThan(10);
    expect(dangling).toEqual([]);
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI on /openapi.json without a key', async () => {
    const response = await service.request('/docs');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(await (await service.request('/docs/init.js')).text()).toContain("url: '/openapi.json'");
  });
});
