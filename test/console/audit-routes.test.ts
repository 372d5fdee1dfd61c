// [#21] The routes the console needs beyond the decision API: running the auditor suites and
// searching the decision log, both for auditors and admins only.
import { beforeAll, describe, expect, it } from 'vitest';
import { DECIDE_DEADLINE, json, LATE, ON_TIME, startTestService, type TestService } from '../http/support.js';

let service: TestService;

beforeAll(async () => {
  service = await startTestService();
});

describe('POST /v1/audit/suites', () => {
  it('runs every suite: cases with expected and actual, and per-rule coverage', async () => {
    const response = await service.post('/v1/audit/suites', undefined, 'auditor');
    expect(response.status).toBe(200);
    const report = await json<{
      passed: number;
      failed: number;
      coverageGaps: number;
      cases: Array<{ policy: string; passed: boolean; mismatches: unknown[] }>;
      coverage: Array<{ policy: string; rule: string; seenHolding: number; gap: string | null }>;
    }>(response);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(report.cases.length);
    expect(new Set(report.cases.map((c) => c.policy))).toContain('albo.quota');
    const late = report.cases.find(
      (c) =>
        c.policy === 'albo.payment-deadline' &&
        !c.mismatches.length &&
        (c as { outcome?: string }).outcome === 'deny',
    );
    expect(late).toMatchObject({ expect: { outcome: 'deny' }, violations: expect.any(Array) });
    expect(report.coverage.find((r) => r.rule === 'payment-by-deadline')).toMatchObject({
      policy: 'albo.payment-deadline',
      gap: null,
    });
  });

  it("runs one policy's suite, and answers JUnit XML on request", async () => {
    const one = await json<{ cases: Array<{ policy: string }> }>(
      await service.post('/v1/audit/suites?policy=albo.payment-deadline', undefined, 'admin'),
    );
    expect(new Set(one.cases.map((c) => c.policy))).toEqual(new Set(['albo.payment-deadline']));
    const xml = await service.post(
      '/v1/audit/suites?policy=albo.payment-deadline&format=junit',
      undefined,
      'auditor',
    );
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await xml.text()).toMatch(/^<\?xml[\s\S]*<testsuite name="albo.payment-deadline"/);
  });

  it('refuses other roles, an unknown policy and an unknown format', async () => {
    expect((await service.post('/v1/audit/suites', undefined, 'operator')).status).toBe(403);
    expect((await service.post('/v1/audit/suites', undefined, 'service')).status).toBe(403);
    expect((await service.post('/v1/audit/suites?policy=no.such', undefined, 'auditor')).status).toBe(404);
    expect((await service.post('/v1/audit/suites?format=pdf', undefined, 'auditor')).status).toBe(400);
  });
});

describe('GET /v1/decisions', () => {
  it('finds logged decisions by policy and outcome, newest first, page by page', async () => {
    const made: string[] = [];
    for (const facts of [ON_TIME, LATE, LATE]) {
      const d = await json<{ decisionId: string }>(await service.post(DECIDE_DEADLINE, { facts }));
      made.push(d.decisionId);
    }
    const search = (query: string) => service.get(`/v1/decisions?${query}`, 'auditor');
    const deny = await json<{
      decisions: Array<{ decisionId: string; outcome: string }>;
      next: string | null;
    }>(await search('policy=albo.payment-deadline&outcome=deny&limit=1'));
    expect(deny.decisions.map((d) => d.decisionId)).toEqual([made[2]]);
    expect(deny.next).not.toBeNull();
    const second = await json<{ decisions: Array<{ decisionId: string }>; next: string | null }>(
      await search(`policy=albo.payment-deadline&outcome=deny&limit=1&cursor=${deny.next}`),
    );
    expect(second.decisions.map((d) => d.decisionId)).toEqual([made[1]]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    const byDay = await json<{ decisions: unknown[] }>(await search(`from=${today}&to=${today}&limit=500`));
    expect(byDay.decisions.length).toBeGreaterThanOrEqual(3);
    const before = await json<{ decisions: unknown[] }>(await search('to=2001-01-01'));
    expect(before.decisions).toEqual([]);
  });

  it('names each bad parameter, and refuses roles other than auditor and admin', async () => {
    const bad = await service.get('/v1/decisions?limit=0&outcome=maybe&from=yesterday', 'auditor');
    expect(bad.status).toBe(400);
    const problem = await json<{ violations: Array<{ field: string }> }>(bad);
    expect(problem.violations.map((v) => v.field).sort()).toEqual(['from', 'limit', 'outcome']);
    expect((await service.get('/v1/decisions?cursor=nonsense', 'admin')).status).toBe(422);
    expect((await service.get('/v1/decisions', 'operator')).status).toBe(403);
    expect((await service.get('/v1/decisions', 'service')).status).toBe(403);
  });
});
