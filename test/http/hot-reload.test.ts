// Rule edits take effect without a restart [E-RELOAD]: on an admin call or when a file changes; an
// invalid edit is refused with file and reason while the last good set keeps serving, and decisions
// made before an edit still replay with the ruleset that made them [E-LOG].
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolve, TOKENS, watchRules } from '../../src/adapters/composition-root.js';
import type { Problem } from '../../src/adapters/http/problem.js';
import { copyOfRules, DECIDE_DEADLINE, json, LATE, startTestService, type TestService } from './support.js';

const PARAMETERS = 'albo/payment-deadline.parameters.json';
/** Moves the extended 2017 deadline from 28 February to 31 March: a 10 March payment becomes on time. */
const extendDeadline = (text: string) => text.replace('"2017": "2017-02-28"', '"2017": "2017-03-31"');

interface Decided {
  decisionId: string;
  outcome: string;
  rulesetHash: string;
  outputs: Record<string, unknown>;
}

let rules: Awaited<ReturnType<typeof copyOfRules>>;
let service: TestService;
beforeEach(async () => {
  rules = await copyOfRules();
  service = await startTestService(rules.dir);
});
afterEach(() => rules.dispose());

const health = async () =>
  (await json<{ rulesetHash: string }>(await service.request('/healthz'))).rulesetHash;
const decideLate = async () => json<Decided>(await service.post(DECIDE_DEADLINE, { facts: LATE }));

describe('POST /v1/admin/rules/reload', () => {
  it('reports an unchanged set when nothing was edited', async () => {
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      hash: await health(),
      changed: false,
      previousHash: await health(),
    });
  });

  it('applies an edited parameter: the decision and the ruleset hash change; old decisions replay the same', async () => {
    const before = await decideLate();
    expect(before).toMatchObject({ outcome: 'deny', outputs: { deadline: '2017-02-28' } });

    await rules.edit(PARAMETERS, extendDeadline);
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(200);
    const reload = await json<{ hash: string; changed: boolean; previousHash: string }>(response);
    expect(reload).toMatchObject({ changed: true, previousHash: before.rulesetHash });
    expect(reload.hash).not.toBe(before.rulesetHash);

    const after = await decideLate();
    expect(after).toMatchObject({
      outcome: 'allow',
      rulesetHash: reload.hash,
      outputs: { deadline: '2017-03-31' },
    });
    expect(await health()).toBe(reload.hash);

    const replay = await service.post(`/v1/decisions/${before.decisionId}/replay`, undefined, 'auditor');
    expect(await replay.json()).toMatchObject({
      same: true,
      rulesetHash: before.rulesetHash,
      replayed: { outcome: 'deny' },
    });
  });

  it('the OpenAPI document follows the new ruleset hash', async () => {
    const first = await json(await service.request('/openapi.json'));
    await rules.edit(PARAMETERS, extendDeadline);
    await service.post('/v1/admin/rules/reload', undefined, 'admin');
    const second = await json(await service.request('/openapi.json'));
    expect(second['x-ruleset-hash']).not.toBe(first['x-ruleset-hash']);
    expect(second['x-ruleset-hash']).toBe(await health());
  });

  it('refuses broken JSON with 422 naming the file, and keeps serving the previous set', async () => {
    const serving = await health();
    await rules.write(PARAMETERS, '{ "parameters": { ');
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(422);
    const problem = await json<Problem>(response);
    expect(problem).toMatchObject({ code: 'RULES_INVALID', servingHash: serving });
    expect(problem.violations).toContainEqual({
      file: PARAMETERS,
      path: '',
      reason: expect.stringContaining('cannot parse'),
    });

    const decision = await decideLate();
    expect(decision).toMatchObject({ outcome: 'deny', rulesetHash: serving });
    expect(await health()).toBe(serving);
  });

  it('refuses a rule file breaking its schema with the JSON path of each issue', async () => {
    await rules.edit('albo/payment-deadline.policy.json', (t) =>
      t.replace('"name": "payment-by-deadline"', '"name": "Payment By Deadline"'),
    );
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(422);
    const problem = await json<Problem>(response);
    expect(problem.violations).toContainEqual({
      file: 'albo/payment-deadline.policy.json',
      path: '/versions/0/rules/2/name',
      reason: expect.any(String),
    });
  });
});

describe('watching rules/', () => {
  let stop: () => void = () => {};
  afterEach(() => stop());

  it('picks up an edited file without any call', async () => {
    stop = watchRules(service.container);
    const before = await health();
    await rules.edit(PARAMETERS, extendDeadline);
    const deadline = Date.now() + 5000;
    let now = before;
    while (now === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      now = await health();
    }
    expect(now).not.toBe(before);
    expect(await decideLate()).toMatchObject({ outcome: 'allow', rulesetHash: now });
    expect(resolve(service.container, TOKENS.RulesetRegistry).current().ruleset.hash).toBe(now);
  });
});
