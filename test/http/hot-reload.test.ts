// Rule edits take effect without a restart [E-RELOAD]: on an admin call or when a file changes; an
// invalid edit, one whose suites fail, or one with a regular expression that can freeze the service
// is refused with file:line:column and reason while the last good set keeps serving, and decisions
// made before an edit still replay with the ruleset that made them [E-LOG]. The answer of the admin
// call is the rule set status (GET /v1/rules/status).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/adapters/http/problem.js';
import { watchRules } from '../../src/adapters/rules-watch.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { copyOfRules, DECIDE_DEADLINE, json, LATE, startTestService, type TestService } from './support.js';

const PARAMETERS = 'albo/payment-deadline.parameters.json';
/** Moves the extended 2017 deadline from 28 February to 31 March: a 10 March payment becomes on time. */
const extendDeadline = (text: string) => text.replace('"2017": "2017-02-28"', '"2017": "2017-03-31"');
const SUITE = 'albo/payment-deadline.suite.yaml';
/** The suite brought in line with the extension, so the gate lets the edit through. */
const extendDeadlineInSuite = (text: string) =>
  text
    .replaceAll('deadline: "2017-02-28"', 'deadline: "2017-03-31"')
    .replace('A payment on 1 March 2017 is late', 'A payment on 1 April 2017 is late')
    .replace('paymentDate: "2017-03-01"', 'paymentDate: "2017-04-01"');
const editDeadline = async () => {
  await rules.edit(SUITE, extendDeadlineInSuite);
  await rules.edit(PARAMETERS, extendDeadline);
};

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
const status = async () => json<RulesStatus>(await service.get('/v1/rules/status'));

interface RulesStatus {
  serving: { hash: string; rulesetHash: string; since: string };
  disk: { hash: string | null; checkedAt: string };
  state: 'current' | 'rejected' | 'unreadable';
  problems: string[];
  evaluatorFallbacks?: unknown;
}
const decideLate = async () => json<Decided>(await service.post(DECIDE_DEADLINE, { facts: LATE }));

describe('POST /v1/admin/rules/reload', () => {
  it('reports an unchanged set when nothing was edited: the status document, current', async () => {
    const before = await status();
    expect(before).toMatchObject({ state: 'current', problems: [], disk: { hash: before.serving.hash } });
    expect(before.serving).toMatchObject({ rulesetHash: await health(), since: expect.any(String) });
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(200);
    // The reload answers the rule set status; the evaluator's fallback count is the status route's.
    const { evaluatorFallbacks: _counts, ...rules } = before;
    expect(await response.json()).toEqual({
      ...rules,
      disk: { hash: before.serving.hash, checkedAt: expect.any(String) },
      changed: false,
    });
  });

  it('applies an edited parameter: the decision and the ruleset hash change; old decisions replay the same', async () => {
    const before = await decideLate();
    expect(before).toMatchObject({ outcome: 'deny', outputs: { deadline: '2017-02-28' } });

    await editDeadline();
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(200);
    const reloaded = await json<RulesStatus & { changed: boolean }>(response);
    expect(reloaded).toMatchObject({ changed: true, state: 'current' });
    const reload = { hash: reloaded.serving.rulesetHash };
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
    await editDeadline();
    await service.post('/v1/admin/rules/reload', undefined, 'admin');
    const second = await json(await service.request('/openapi.json'));
    expect(second['x-ruleset-hash']).not.toBe(first['x-ruleset-hash']);
    expect(second['x-ruleset-hash']).toBe(await health());
  });

  it('refuses broken JSON with 422 naming the file and position, and keeps serving the previous set', async () => {
    const serving = await health();
    const { serving: servingFiles } = await status();
    await rules.write(PARAMETERS, '{ "parameters": { ');
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await json<Problem & RulesStatus>(response);
    expect(problem).toMatchObject({
      code: 'RULES_INVALID',
      servingHash: serving,
      state: 'rejected',
      serving: servingFiles,
    });
    expect(problem.problems).toContainEqual(
      expect.stringMatching(/^albo\/payment-deadline\.parameters\.json:1:\d+ {2}cannot parse/),
    );
    expect(problem.disk.hash).not.toBe(servingFiles.hash);
    expect(problem.violations).toContainEqual({
      file: PARAMETERS,
      path: '',
      line: 1,
      column: expect.any(Number),
      reason: expect.stringContaining('cannot parse'),
    });
    expect(await status()).toMatchObject({ state: 'rejected', problems: problem.problems });

    const decision = await decideLate();
    expect(decision).toMatchObject({ outcome: 'deny', rulesetHash: serving });
    expect(await health()).toBe(serving);
  });

  it('refuses a rule file breaking its schema with the line, column and JSON path of each issue', async () => {
    await rules.edit('albo/payment-deadline.policy.json', (t) =>
      t.replace('"name": "payment-by-deadline"', '"name": "Payment By Deadline"'),
    );
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(422);
    const problem = await json<Problem>(response);
    const violation = problem.violations?.find((v) => 'file' in v && v.path === '/versions/0/rules/2/name');
    expect(violation).toMatchObject({
      file: 'albo/payment-deadline.policy.json',
      reason: expect.any(String),
    });
    const text = await readFile(join(rules.dir, 'albo/payment-deadline.policy.json'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('"Payment By Deadline"')) + 1;
    expect(violation).toMatchObject({
      line,
      column: (text.split('\n')[line - 1] ?? '').indexOf('"name"') + 1,
    });
    expect((problem as unknown as RulesStatus).problems).toContainEqual(
      expect.stringMatching(
        new RegExp(`^albo/payment-deadline\\.policy\\.json:${line}:\\d+  .* \\(/versions/0/rules/2/name\\)$`),
      ),
    );
  });
});

describe('the gate before serving', () => {
  it('rejects a set whose suite fails (lockout maximum 0), naming the case and the difference', async () => {
    const before = await status();
    await rules.edit('account/lockout.parameters.json', (t) => t.replace('"value": 5,', '"value": 0,'));
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(422);
    const problem = await json<RulesStatus>(response);
    expect(problem).toMatchObject({ state: 'rejected', serving: before.serving });
    const text = await readFile(join(rules.dir, 'account/lockout.suite.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('has every attempt left')) + 1;
    expect(problem.problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^account/lockout\\.suite\\.yaml:${line}:\\d+  case "An account with no wrong password has every attempt left" fails: .*outputs\\.maxFailedAttempts expected 5, got 0`,
        ),
      ),
    );
    expect(await health()).toBe(before.serving.rulesetHash);
    expect(await status()).toMatchObject({ state: 'rejected', serving: before.serving });
  });

  it('serves again once the suite is brought in line: a suite edit is part of the candidate', async () => {
    await rules.edit('account/lockout.parameters.json', (t) => t.replace('"value": 5,', '"value": 3,'));
    expect((await service.post('/v1/admin/rules/reload', undefined, 'admin')).status).toBe(422);
    await rules.write(
      'account/lockout.suite.yaml',
      [
        'policy: account.lockout',
        'cases:',
        '  - name: No wrong password',
        '    facts: { failedAttempts: 0 }',
        '    expect: { outcome: allow, outputs: { maxFailedAttempts: 3, remainingAttempts: 3 } }',
        '  - name: Three wrong passwords suspend the account',
        '    facts: { failedAttempts: 3 }',
        '    expect: { outcome: deny, violations: [ACCOUNT_SUSPENDED], outputs: { remainingAttempts: 0 } }',
        '',
      ].join('\n'),
    );
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ state: 'current', changed: true, problems: [] });
  });
});

describe('regular expressions checked at load', () => {
  it('refuses a catastrophic pattern in a parameter at reload, with its position; the old set keeps serving', async () => {
    const before = await status();
    await rules.edit('albo/registration.parameters.json', (t) =>
      t.replace(/"value": "\^\\\\\+\?[^"]*"/, '"value": "^(\\\\d+)+$"'),
    );
    const text = await readFile(join(rules.dir, 'albo/registration.parameters.json'), 'utf8');
    expect(text).toContain('"value": "^(\\\\d+)+$"');
    const response = await service.post('/v1/admin/rules/reload', undefined, 'admin');
    expect(response.status).toBe(422);
    const problem = await json<RulesStatus>(response);
    const line = text.split('\n').findIndex((l) => l.includes('"^(\\\\d+)+$"')) + 1;
    expect(problem.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^albo/registration\\.parameters\\.json:${line}:11  the regular expression .* exponential.* \\(/parameters/albo\\.registration\\.phonePattern/history/0/value\\)$`,
        ),
      ),
    ]);
    expect(await status()).toMatchObject({ state: 'rejected', serving: before.serving });
    expect(await health()).toBe(before.serving.rulesetHash);
  });
});

describe('watching rules/', () => {
  let stop: () => Promise<void> = async () => {};
  afterEach(() => stop());

  it('picks up an edited file without any call', async () => {
    stop = watchRules(service.container);
    const before = await health();
    await editDeadline();
    const deadline = Date.now() + 5000;
    let now = before;
    while (now === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      now = await health();
    }
    expect(now).not.toBe(before);
    expect(await decideLate()).toMatchObject({ outcome: 'allow', rulesetHash: now });
    expect(resolve(service.container, TOKENS.RulesetRegistry).current().ruleset.hash).toBe(now);
  }, 20_000);
});

describe('start-up', () => {
  it('refuses to start when a suite fails, printing each problem as file:line:column', async () => {
    await rules.edit('account/lockout.parameters.json', (t) => t.replace('"value": 5,', '"value": 0,'));
    await expect(startTestService(rules.dir)).rejects.toThrow(
      /cannot serve[\s\S]*\n {2}account\/lockout\.suite\.yaml:\d+:\d+ {2}case "An account with no wrong password has every attempt left" fails/,
    );
  });

  it('refuses to start on a catastrophic regular expression', async () => {
    await rules.edit('albo/registration.parameters.json', (t) =>
      t.replace(/"value": "\^\\\\\+\?[^"]*"/, '"value": "^(\\\\d+)+$"'),
    );
    await expect(startTestService(rules.dir)).rejects.toThrow(
      /albo\/registration\.parameters\.json:\d+:11 {2}the regular expression \/\^\(\\d\+\)\+\$\/ can take exponential/,
    );
  });
});
