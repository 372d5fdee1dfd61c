// Decisions through the API [§5][E-DECISION], the decision log and replay [E-LOG].
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRealRules } from '../support/load-rules.js';
import { DECIDE_DEADLINE, json, LATE, ON_TIME, startTestService, type TestService } from './support.js';

interface DecisionBody {
  decisionId: string;
  policy: string;
  rulesetHash: string;
  at: string;
  outcome: 'allow' | 'deny';
  violations: Array<{ code: string; message: { it: string; en: string }; rule: string; source: string }>;
  outputs: Record<string, unknown>;
  trace?: { rules: unknown[]; parameters: unknown[]; computed: unknown; ruleResults: unknown };
}

const loaded = await loadRealRules();
let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});

describe('POST /v1/policies/albo.payment-deadline/decisions', () => {
  it('answers 200 allow with a decisionId and no internals', async () => {
    const response = await service.post(DECIDE_DEADLINE, { facts: ON_TIME });
    expect(response.status).toBe(200);
    const decision = await json<DecisionBody>(response);
    expect(decision).toMatchObject({
      policy: 'albo.payment-deadline',
      at: '2017-01-15',
      outcome: 'allow',
      violations: [],
      outputs: { deadline: '2017-02-28', windowOpens: '2016-11-22' },
      version: { effectiveFrom: '2016-11-11', effectiveTo: null },
      rulesetHash: loaded.ruleset.hash,
    });
    expect(decision.decisionId).toEqual(expect.any(String));
    expect(decision).not.toHaveProperty('ruleResults');
    expect(decision).not.toHaveProperty('computed');
    expect(decision).not.toHaveProperty('trace');
  });

  it('answers 200 deny with every violation, its messages, rule and source', async () => {
    const response = await service.post(DECIDE_DEADLINE, { facts: LATE });
    expect(response.status).toBe(200);
    const decision = await json<DecisionBody>(response);
    expect(decision.outcome).toBe('deny');
    expect(decision.violations).toEqual([
      {
        code: 'DEADLINE_PASSED',
        message: { it: expect.any(String), en: expect.any(String) },
        rule: 'payment-by-deadline',
        source: expect.any(String),
      },
    ]);
  });

  it('uses `at` when given: asked before the extension, a January payment is late', async () => {
    const decision = await json<DecisionBody>(
      await service.post(DECIDE_DEADLINE, { facts: ON_TIME, at: '2016-12-29' }),
    );
    expect(decision).toMatchObject({
      at: '2016-12-29',
      outcome: 'deny',
      outputs: { deadline: '2016-12-31' },
    });
  });

  it('with trace=true returns the trace, holding which rules held and the derived facts', async () => {
    const decision = await json<DecisionBody>(
      await service.post(DECIDE_DEADLINE, { facts: LATE, trace: true }),
    );
    expect(decision.trace?.rules.length).toBe(3);
    expect(decision.trace?.parameters.length).toBeGreaterThan(0);
    expect(decision.trace?.ruleResults).toMatchObject({ 'payment-by-deadline': true });
    expect(decision.trace?.computed).toMatchObject({ deadline: '2017-02-28' });
    expect(decision).not.toHaveProperty('ruleResults');
  });
});

// Every policy, as other engineers add them: the first allow and first deny case of its suite.
const examples = loaded.suites.flatMap((suite) =>
  (['allow', 'deny'] as const).flatMap((outcome) => {
    const c = suite.cases.find((x) => x.expect.outcome === outcome);
    return c ? [[`${suite.policy}: ${c.name}`, suite.policy, c] as const] : [];
  }),
);

describe('every policy in rules/ answers its suite through HTTP', () => {
  it.each(examples)('%s', async (_name, policy, c) => {
    const response = await service.post(`/v1/policies/${policy}/decisions`, {
      facts: c.facts,
      ...(c.at ? { at: c.at } : {}),
    });
    expect(response.status).toBe(200);
    const decision = await json<DecisionBody>(response);
    expect(decision.outcome).toBe(c.expect.outcome);
    if (c.expect.violations)
      expect(decision.violations.map((v) => v.code).sort()).toEqual([...c.expect.violations].sort());
  });
});

describe('the decision log', () => {
  it('returns a logged decision by id, to an auditor or an admin (issue #16: not to service or operator)', async () => {
    const made = await json<DecisionBody>(await service.post(DECIDE_DEADLINE, { facts: LATE }));
    expect((await service.get(`/v1/decisions/${made.decisionId}`, 'operator')).status).toBe(403);
    const response = await service.get(`/v1/decisions/${made.decisionId}`, 'auditor');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      decisionId: made.decisionId,
      policy: 'albo.payment-deadline',
      rulesetHash: made.rulesetHash,
      at: made.at,
      facts: LATE,
      redacted: [],
      outcome: 'deny',
      violations: made.violations,
      outputs: made.outputs,
    });
  });

  it('replays a decision with the same answer, for an auditor', async () => {
    const made = await json<DecisionBody>(await service.post(DECIDE_DEADLINE, { facts: LATE }));
    const response = await service.post(`/v1/decisions/${made.decisionId}/replay`, undefined, 'auditor');
    expect(response.status).toBe(200);
    const replay = await json<{
      same: boolean;
      rulesetHash: string;
      differences: unknown[];
      replayed: object;
    }>(response);
    expect(replay).toMatchObject({ same: true, differences: [], rulesetHash: made.rulesetHash });
    expect(replay.replayed).toMatchObject({ outcome: 'deny' });
    expect(replay.replayed).not.toHaveProperty('ruleResults');
  });

  it('answers 404 for an unknown decision, on read and on replay', async () => {
    const read = await service.get('/v1/decisions/does-not-exist', 'admin');
    expect(read.status).toBe(404);
    expect(await read.json()).toMatchObject({ code: 'UNKNOWN_DECISION' });
    const replay = await service.post('/v1/decisions/does-not-exist/replay', undefined, 'admin');
    expect(replay.status).toBe(404);
  });
});
