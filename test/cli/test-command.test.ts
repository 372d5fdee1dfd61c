// `pa-policy test` [E-TESTS]: case report with diffs, coverage, totals line, JUnit XML.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testCommand } from '../../src/adapters/cli/test-command.js';
import { coverageGaps, derivedCoverageGaps, runSuites } from '../../src/application/audit/run-suites.js';
import { defined } from '../support/defined.js';
import { loadRealRules } from '../support/load-rules.js';
import {
  captureIo,
  count,
  editJson,
  editText,
  exemplarRules,
  PARAMETERS_FILE,
  POLICY_FILE,
  removeCopies,
  SUITE_FILE,
  xmlProblem,
} from './support.js';

interface PolicyDoc {
  versions: Array<{ effectiveFrom: string; effectiveTo: string | null; computed: Record<string, unknown> }>;
}
interface ParametersDoc {
  parameters: Record<string, { history: Array<{ from: string; value: unknown; source: string }> }>;
}

async function appendCase(dir: string, yaml: string): Promise<void> {
  const path = join(dir, SUITE_FILE);
  await writeFile(path, `${(await readFile(path, 'utf8')).trimEnd()}\n${yaml}`);
}

afterAll(removeCopies);

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('test on the real rules folder', () => {
  it('reports what runSuites reports', async () => {
    const loaded = await loadRealRules().catch(() => null);
    const run = captureIo();
    const code = await testCommand([], run.io);
    if (!loaded) {
      expect(code).toBe(2);
      return;
    }
    const report = await runSuites(loaded, new Date());
    const failed = report.cases.filter((c) => !c.passed);
    expect(lastLine(run.stdout())).toBe(
      `${report.cases.length - failed.length} passed, ${failed.length} failed`,
    );
    const clean =
      failed.length === 0 &&
      coverageGaps(report).length === 0 &&
      derivedCoverageGaps(report).length === 0 &&
      report.uncoveredPolicies.length === 0;
    expect(code).toBe(clean ? 0 : 1);
    for (const c of report.cases) expect(run.stdout()).toContain(`${c.passed ? '✓' : '✗'} ${c.name}`);
    // Loads and runs the whole fixture set twice, each case also on the instrumented reference path:
    // about 4 s alone, more on a machine busy with the rest of the suite.
  }, 30_000);
});

describe('test on a copy of the exemplar', () => {
  it('passes, with every rule covered both ways', async () => {
    const dir = await exemplarRules();
    const run = captureIo();
    expect(await testCommand(['--rules', dir], run.io)).toBe(0);
    expect(run.stdout()).toContain(
      '✓ A payment on 1 March 2017 is late and flags the company for suspension',
    );
    expect(run.stdout()).toMatch(/✓ payment-by-deadline +fired \d+ · not fired \d+/);
    expect(lastLine(run.stdout())).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('fails a case whose expected output is wrong, with a diff showing both values and JUnit XML', async () => {
    const dir = await exemplarRules();
    await editText(
      dir,
      SUITE_FILE,
      '- name: A payment on the day the window opens is accepted\n    facts: { year: 2017, paymentDate: "2016-11-22" }\n    expect:\n      outcome: allow\n      outputs: { windowOpens: "2016-11-22", deadline: "2016-12-31" }',
      '- name: A payment on <the day> the window "opens" & is accepted\n    facts: { year: 2017, paymentDate: "2016-11-22" }\n    expect:\n      outcome: allow\n      outputs: { windowOpens: "2016-11-22", deadline: "2099-01-01" }',
    );
    const junit = join(dir, 'reports', 'junit.xml');
    const run = captureIo();
    expect(await testCommand(['--rules', dir, '--junit', junit], run.io)).toBe(1);
    const out = run.stdout();
    expect(out).toContain('✗ A payment on <the day> the window "opens" & is accepted');
    expect(out).toContain('outputs.deadline');
    expect(out).toContain('- "2099-01-01"');
    expect(out).toContain('+ "2016-12-31"');
    expect(lastLine(out)).toMatch(/^\d+ passed, 1 failed$/);

    const xml = await readFile(junit, 'utf8');
    expect(xmlProblem(xml)).toBeNull();
    const passed = Number(lastLine(out)?.split(' ')[0]);
    // The cases (as many as the console counts), then one coverage testcase per check: 3 rules,
    // 1 version, 2 lookup keys ("2017" of each table), 3 dated parameter values.
    expect(count(xml, '<testcase ')).toBe(passed + 1 + 3 + 1 + 2 + 3);
    expect(xml).toContain(`<testsuite name="albo.payment-deadline" tests="${passed + 1}" failures="1"`);
    expect(out).toContain('coverage: 9 of 9 checks met');
    expect(count(xml, '<failure ')).toBe(1);
    expect(xml).toContain(
      'name="A payment on &lt;the day&gt; the window &quot;opens&quot; &amp; is accepted"',
    );
    expect(xml).toContain('classname="albo.payment-deadline"');
    expect(xml).toMatch(/<failure message="mismatch in outputs.deadline">[^<]*- &quot;2099-01-01&quot;/);
    expect(xml).toContain('<testsuite name="coverage"');
  });

  it('prints the error code and issues when a case cannot be evaluated', async () => {
    const dir = await exemplarRules();
    await editText(
      dir,
      SUITE_FILE,
      'facts: { year: 2017, paymentDate: "2016-11-21" }',
      'facts: { year: 2017, paymentDate: 5 }',
    );
    const run = captureIo();
    expect(await testCommand(['--rules', dir, '--no-coverage'], run.io)).toBe(1);
    expect(run.stdout()).toContain('+ INVALID_FACTS');
    expect(run.stdout()).toContain('paymentDate  must be string');
  });

  it('fails coverage when a rule is never seen firing, unless --no-coverage', async () => {
    const dir = await exemplarRules();
    await editText(
      dir,
      SUITE_FILE,
      '  - name: A payment the day before the window opens is refused\n    facts: { year: 2017, paymentDate: "2016-11-21" }\n    expect: { outcome: deny, violations: [PAYMENT_WINDOW_NOT_OPEN] }\n',
      '',
    );
    const junit = join(dir, 'junit.xml');
    const run = captureIo();
    expect(await testCommand(['--rules', dir, '--junit', junit], run.io)).toBe(1);
    expect(run.stdout()).toMatch(
      /✗ payment-not-before-window +fired 0 · not fired \d+ +← no case makes it fire/,
    );
    expect(run.stdout()).toContain('coverage: 1 rule not seen both firing and not firing');
    expect(lastLine(run.stdout())).toMatch(/^\d+ passed, 0 failed$/);
    const xml = await readFile(junit, 'utf8');
    expect(xmlProblem(xml)).toBeNull();
    expect(xml).toMatch(
      /<testcase name="payment-not-before-window [^"]*" classname="albo.payment-deadline"[^>]*>\s*<failure/,
    );

    const lenient = captureIo();
    expect(await testCommand(['--rules', dir, '--no-coverage'], lenient.io)).toBe(0);
    expect(lenient.stdout()).not.toContain('Coverage');
  });

  it('fails coverage naming an "if" branch no case takes, and passes once a case takes it', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      const computed = defined(doc.versions[0], 'a first version').computed;
      computed.deadline = {
        fn: 'if',
        args: {
          condition: { fn: 'eq', args: { value: { fact: 'year' }, other: 2018 } },
          // biome-ignore lint/suspicious/noThenProperty: `then` is an argument of the rule language's `if` function, not a thenable
          then: '2018-02-28',
          else: computed.deadline,
        },
      };
    });
    const junit = join(dir, 'junit.xml');
    const run = captureIo();
    expect(await testCommand(['--rules', dir, '--junit', junit], run.io)).toBe(1);
    const out = run.stdout();
    expect(out).toContain(
      '✗ albo.payment-deadline (version from 2016-11-11)  computed fact deadline: "if" then never taken',
    );
    expect(out).toContain(`${POLICY_FILE}:/versions/0/computed/deadline/args/then`);
    expect(out).not.toContain('"if" else never taken');
    expect(out).toContain(
      'coverage: 1 version, branch or dated parameter value of the derived logic used by no case',
    );
    expect(lastLine(out)).toMatch(/^\d+ passed, 0 failed$/);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(
      /<testcase name="computed fact deadline: &quot;if&quot; then [^"]*"[^>]*>\s*<failure message="branch never taken"/,
    );
    expect(await testCommand(['--rules', dir, '--no-coverage'], captureIo().io)).toBe(0);

    await appendCase(
      dir,
      '  - name: A 2018 payment gets the 2018 deadline but no window yet\n    facts: { year: 2018, paymentDate: "2018-01-10" }\n    expect: { outcome: deny, violations: [NO_PAYMENT_WINDOW], outputs: { deadline: "2018-02-28" } }\n',
    );
    const fixed = captureIo();
    expect(await testCommand(['--rules', dir], fixed.io)).toBe(0);
    expect(fixed.stdout()).toContain('all exercised');
  });

  it('fails coverage naming a dated parameter value no case uses, and passes once a case uses it', async () => {
    const dir = await exemplarRules();
    await editJson<ParametersDoc>(dir, PARAMETERS_FILE, (doc) => {
      defined(doc.parameters['albo.payment.deadline'], 'albo.payment.deadline').history.push({
        from: '2019-06-01',
        value: { '2017': '2017-02-28' },
        source: 'Republished (test)',
      });
    });
    const run = captureIo();
    expect(await testCommand(['--rules', dir], run.io)).toBe(1);
    expect(run.stdout()).toContain(
      'parameter albo.payment.deadline: the value in force from 2019-06-01 is used by no case',
    );
    expect(run.stdout()).toContain(`${PARAMETERS_FILE}:/parameters/albo.payment.deadline/history/2`);
    const json = captureIo();
    expect(await testCommand(['--rules', dir, '--json'], json.io)).toBe(1);
    expect(JSON.parse(json.stdout()).derivedGaps).toMatchObject([
      { kind: 'parameter value', policy: 'albo.payment-deadline', version: '2016-11-11' },
    ]);

    await appendCase(
      dir,
      '  - name: Asked after the republication, a February 2017 payment is on time\n    at: "2019-06-01"\n    facts: { year: 2017, paymentDate: "2017-02-01" }\n    expect: { outcome: allow, outputs: { deadline: "2017-02-28" } }\n',
    );
    expect(await testCommand(['--rules', dir], captureIo().io)).toBe(0);
  });

  it('fails coverage naming a version no case is evaluated under', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      const first = defined(doc.versions[0], 'a first version');
      first.effectiveTo = '2029-12-31';
      doc.versions.push({ ...structuredClone(first), effectiveFrom: '2030-01-01', effectiveTo: null });
    });
    const run = captureIo();
    expect(await testCommand(['--rules', dir], run.io)).toBe(1);
    expect(run.stdout()).toContain('no case is evaluated under the version from 2030-01-01');
  });

  it('fails when a policy has no suite, even with --no-coverage', async () => {
    const dir = await exemplarRules();
    await rm(join(dir, SUITE_FILE));
    const run = captureIo();
    expect(await testCommand(['--rules', dir, '--no-coverage'], run.io)).toBe(1);
    expect(run.stdout()).toContain('without a suite: albo.payment-deadline');
    expect(lastLine(run.stdout())).toBe('0 passed, 0 failed');
  });

  it('prints a JSON report with --json', async () => {
    const dir = await exemplarRules();
    const run = captureIo();
    expect(await testCommand(['--rules', dir, '--json'], run.io)).toBe(0);
    const report = JSON.parse(run.stdout());
    expect(report.ok).toBe(true);
    expect(report.failed).toBe(0);
    expect(report.cases.length).toBe(report.passed);
    expect(report.coverage.every((r: { gap: unknown }) => r.gap === null)).toBe(true);
  });

  it('runs one policy with --policy, and exits 2 naming the known ones for an unknown id', async () => {
    const dir = await exemplarRules();
    expect(await testCommand(['--rules', dir, '--policy', 'albo.payment-deadline'], captureIo().io)).toBe(0);
    const run = captureIo();
    expect(await testCommand(['--rules', dir, '--policy', 'nope'], run.io)).toBe(2);
    expect(run.stderr()).toContain('unknown policy "nope"; known: albo.payment-deadline');
  });
});
