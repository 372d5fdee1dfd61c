// POST /v1/admin/rules/impact: the rule files on disk against the set serving, on the logged decisions.
import { afterAll, describe, expect, it } from 'vitest';
import { copyOfRules, DECIDE_DEADLINE, json, startTestService } from './support.js';

const copy = await copyOfRules();
afterAll(() => copy.dispose());
const service = await startTestService(copy.dir);

describe('POST /v1/admin/rules/impact', () => {
  it('lists the logged decisions whose outcome the edit on disk changes, without putting it in force', async () => {
    const decided: Record<string, string> = {};
    for (const paymentDate of ['2017-01-20', '2017-02-20', '2017-03-05']) {
      const response = await service.post(DECIDE_DEADLINE, { facts: { year: 2017, paymentDate } });
      decided[paymentDate] = (await json<{ decisionId: string }>(response)).decisionId;
    }
    const serving = (await json<{ rulesetHash: string }>(await service.get('/healthz'))).rulesetHash;
    await copy.edit('albo/payment-deadline.parameters.json', (text) =>
      text.replace('"value": { "2017": "2017-02-28" }', '"value": { "2017": "2017-02-15" }'),
    );

    const response = await service.post(
      '/v1/admin/rules/impact',
      { policy: 'albo.payment-deadline' },
      'auditor',
    );
    expect(response.status).toBe(200);
    const report = await json<{
      beforeHash: string;
      afterHash: string;
      decisions: number;
      changedOutcomes: string[];
      policies: Array<{ policy: string; outcomes: number; cases: number }>;
      limit: number;
    }>(response);
    expect(report.beforeHash).toBe(serving);
    expect(report.afterHash).not.toBe(serving);
    expect(report.decisions).toBe(3);
    expect(report.changedOutcomes).toEqual([decided['2017-02-20']]);
    expect(report.policies.map((p) => p.policy)).toEqual(['albo.payment-deadline']);
    expect(report.limit).toBe(1000);
    // Nothing was swapped.
    expect((await json<{ rulesetHash: string }>(await service.get('/healthz'))).rulesetHash).toBe(serving);

    const bounded = await service.post('/v1/admin/rules/impact', { limit: 1, since: '2017-01-01' }, 'admin');
    expect((await json<{ decisions: number }>(bounded)).decisions).toBe(1);
  });

  it('is for auditors and admins, and refuses a bad body', async () => {
    expect((await service.post('/v1/admin/rules/impact', {}, 'service')).status).toBe(403);
    const bad = await service.post('/v1/admin/rules/impact', { limit: 0, extra: true }, 'admin');
    expect(bad.status).toBe(400);
    const noDate = await service.post('/v1/admin/rules/impact', { since: '2017-13-45' }, 'admin');
    expect(noDate.status).toBe(400);
    expect((await json<{ violations: unknown[] }>(noDate)).violations).toEqual([
      { field: '/since', reason: 'must match format "date"' },
      { field: '/since', reason: 'must match format "date-time"' },
    ]);
    const offset = await service.post(
      '/v1/admin/rules/impact',
      { since: '2099-01-01T01:00:00+02:00' },
      'admin',
    );
    expect((await json<{ decisions: number }>(offset)).decisions).toBe(0);
  });

  it('answers RULES_INVALID when the files on disk do not load', async () => {
    await copy.write('albo/payment-deadline.policy.json', '{ not json');
    const response = await service.post('/v1/admin/rules/impact', {}, 'admin');
    expect(response.status).toBe(422);
    expect((await json<{ code: string }>(response)).code).toBe('RULES_INVALID');
  });
});
