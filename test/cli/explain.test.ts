// `pa-policy explain` [E-DECISION]: outcome, violations, rules with the values seen, parameters
// with their dates and sources.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/adapters/cli/explain.js';
import { valueText } from '../../src/adapters/cli/explain-report.js';
import { defined } from '../support/defined.js';
import { RULES_DIR } from '../support/load-rules.js';
import { captureIo, editJson, exemplarRules, PARAMETERS_FILE, removeCopies } from './support.js';

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
    // Violation rules: the breach seen, or the requirement met; never a red "fail" for a rule that holds.
    expect(out).toMatch(/✗ requirement broken +payment-by-deadline/);
    expect(out).toMatch(/✓ requirement met +payment-not-before-window/);
    expect(out).toContain('✓ paymentDate dateAfter deadline ("2017-02-28") → seen "2017-03-01"  holds');
    expect(out).toContain('· windowOpens isNull true → seen "2016-11-22"  does not hold');
    expect(out).not.toMatch(/\bfail\b/);
    expect(out).toContain('albo.payment.deadline = {"2017":"2017-02-28"}');
    expect(out).toContain('in force from 2016-12-30');
    expect(out).toContain(
      'source: Extension by the Comitato Centrale from 31 December 2016 to 28 February 2017',
    );
  });

  it('shows long values whole, wrapped at --width, and never cut', async () => {
    const dir = await exemplarRules();
    // A table of twenty years: longer than any line, once cut at 160 characters with "…".
    const years = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [String(2017 + i), `${2016 + i}-11-22`]),
    );
    await editJson<{ parameters: Record<string, { history: Array<{ value: unknown }> }> }>(
      dir,
      PARAMETERS_FILE,
      (doc) => {
        const windowOpens = defined(doc.parameters['albo.payment.windowOpens'], 'albo.payment.windowOpens');
        defined(windowOpens.history[0], 'its first dated value').value = years;
      },
    );
    const table = JSON.stringify(years);
    const facts = await factsFile(dir, 'late.json', '{ "year": 2017, "paymentDate": "2017-03-01" }');
    const source =
      'Extension by the Comitato Centrale from 31 December 2016 to 28 February 2017 (seed 000); the date it was decided is assumed';
    const wide = captureIo();
    expect(await explainCommand(['albo.payment-deadline', '--rules', dir, '--facts', facts], wide.io)).toBe(
      0,
    );
    expect(wide.stdout()).toContain(`source: ${source}`);
    expect(wide.stdout()).toContain(`albo.payment.windowOpens = ${table}`);

    const narrow = captureIo();
    const args = ['albo.payment-deadline', '--rules', dir, '--facts', facts, '--width', '60'];
    expect(await explainCommand(args, narrow.io)).toBe(0);
    const lines = narrow.stdout().trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
    // Every word of the long source is still there, in order, over several lines.
    const joined = lines.map((l) => l.trim()).join(' ');
    expect(joined).toContain(source);
    expect(lines.map((l) => l.trim()).join('')).toContain(`albo.payment.windowOpens = ${table}`);
    expect(await explainCommand([...args.slice(0, -1), 'wide'], captureIo().io)).toBe(2);
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

describe('amounts in cents', () => {
  it('are shown in euro beside the cents, Italian style, when the name ends in Cents', () => {
    expect(valueText(6099, 'amountCents')).toBe('6099 (60,99 €)');
    expect(valueText(123456789, 'totalCents')).toBe('123456789 (1.234.567,89 €)');
    expect(valueText(6099, 'massKg')).toBe('6099');
    expect(valueText(null, 'amountCents')).toBe('null');
  });

  it('read so in an explanation of the annual fee', async () => {
    const run = captureIo(
      '{"year": 2017, "fleet": [{"plate": "TO123AB", "kind": "vehicle", "massKg": 18000, "inFleetFrom": "2015-03-01"}]}',
    );
    expect(
      await explainCommand(
        ['albo.quota', '--rules', RULES_DIR, '--facts', '-', '--at', '2017-01-20'],
        run.io,
      ),
    ).toBe(0);
    expect(run.stdout()).toMatch(/^ {2}amountCents +\d+ \(\d+,\d\d €\)$/m);
  });
});
