// `pa-policy explain` [E-DECISION]: outcome, violations, rules with the values seen, parameters
// with their dates and sources.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/adapters/cli/explain.js';
import { captureIo, exemplarRules, removeCopies } from './support.js';

afterAll(removeCopies);

async function factsFile(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('explain albo.payment-deadline', () => {
  it('shows the violation, the rule with the values it compared, and the parameter with its source', async () => {
    const dir = await exemplarRules();
    const facts = await factsFile(dir, 'late.json', '{ "year": 2017, "paymentDate": "2017-03-01" }');
    const run = captureIo();
    expect(await explainCommand(['albo.payment-deadline', '--rules', dir, '--facts', facts], run.io)).toBe(0);
    const out = run.stdout();
    expect(out).toMatch(/^Outcome: +DENY$/m);
    expect(out).toMatch(/^Version: +2016-11-11 → open-ended$/m);
    expect(out).toMatch(/^At: +2017-03-01$/m);
    expect(out).toMatch(/^Ruleset: +sha256:[0-9a-f]+$/m);
    expect(out).toMatch(/^ {2}DEADLINE_PASSED {2}rule payment-by-deadline$/m);
    expect(out).toContain(
      "it: Il termine per il pagamento della quota è scaduto: l'impresa è segnalata per la sospensione.",
    );
    expect(out).toContain('en: The payment deadline has passed; the company is flagged for suspension.');
    expect(out).toMatch(/✓ fired +payment-by-deadline/);
    expect(out).toMatch(/· not fired +payment-not-before-window/);
    expect(out).toContain('✓ paymentDate dateAfter deadline ("2017-02-28") → seen "2017-03-01"  pass');
    expect(out).toContain('✗ windowOpens isNull true → seen "2016-11-22"  fail');
    expect(out).toContain('albo.payment.deadline = {"2017":"2017-02-28"}');
    expect(out).toContain('in force from 2016-12-30');
    expect(out).toContain(
      'source: Extension by the Comitato Centrale from 31 December 2016 to 28 February 2017',
    );
  });

  it('uses --at for the parameters in force, and reads YAML facts from stdin', async () => {
    const dir = await exemplarRules();
    const run = captureIo('year: 2017\npaymentDate: "2017-01-15"\n');
    const code = await explainCommand(
      ['albo.payment-deadline', '--rules', dir, '--facts', '-', '--at', '2016-12-29'],
      run.io,
    );
    expect(code).toBe(0);
    expect(run.stdout()).toMatch(/^At: +2016-12-29$/m);
    expect(run.stdout()).toContain('albo.payment.deadline = {"2017":"2016-12-31"}');
    expect(run.stdout()).toContain('in force from 2016-11-11');
    expect(run.stdout()).toContain(
      'source: Delibera Comitato Centrale 11 novembre 2016 n. 11 (deadline as published)',
    );
  });

  it('prints the raw decision with its trace with --json', async () => {
    const dir = await exemplarRules();
    const facts = await factsFile(dir, 'ok.yaml', 'year: 2017\npaymentDate: "2017-02-28"\n');
    const run = captureIo();
    expect(
      await explainCommand(['albo.payment-deadline', '--rules', dir, '--facts', facts, '--json'], run.io),
    ).toBe(0);
    const decision = JSON.parse(run.stdout());
    expect(decision.outcome).toBe('allow');
    expect(decision.trace.rules.map((r: { name: string }) => r.name)).toContain('payment-by-deadline');
  });

  it('exits 2 and names each invalid field', async () => {
    const dir = await exemplarRules();
    const facts = await factsFile(dir, 'bad.json', '{ "year": "2017", "extra": true }');
    const run = captureIo();
    expect(await explainCommand(['albo.payment-deadline', '--rules', dir, '--facts', facts], run.io)).toBe(2);
    const lines = run
      .stderr()
      .split('\n')
      .map((l) => l.trim());
    expect(lines).toContain('year  must be integer');
    expect(lines).toContain('paymentDate  is required');
    expect(lines).toContain('extra  unknown field');
  });

  it('exits 2 listing the known policies for an unknown one', async () => {
    const dir = await exemplarRules();
    const facts = await factsFile(dir, 'f.json', '{}');
    const run = captureIo();
    expect(await explainCommand(['albo.nope', '--rules', dir, '--facts', facts], run.io)).toBe(2);
    expect(run.stderr()).toContain('unknown policy "albo.nope"');
    expect(run.stderr()).toContain('  albo.payment-deadline');
  });

  it('exits 2 on unreadable or unparsable facts, and without --facts', async () => {
    const dir = await exemplarRules();
    const broken = await factsFile(dir, 'broken.json', '{ "year": ');
    const run = captureIo();
    expect(await explainCommand(['albo.payment-deadline', '--rules', dir, '--facts', broken], run.io)).toBe(
      2,
    );
    expect(run.stderr()).toContain(`cannot parse the facts in ${broken}`);
    const missing = captureIo();
    expect(
      await explainCommand(
        ['albo.payment-deadline', '--rules', dir, '--facts', join(dir, 'none.json')],
        missing.io,
      ),
    ).toBe(2);
    expect(missing.stderr()).toContain('cannot read the facts');
    expect(await explainCommand(['albo.payment-deadline', '--rules', dir], captureIo().io)).toBe(2);
  });
});
