// `pa-policy lint` [E-RELOAD]: every problem named by file, JSON path and reason.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintCommand } from '../../src/adapters/cli/lint.js';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../../src/adapters/rules/fs-rule-file-source.js';
import { loadRuleset } from '../../src/application/rules/load-ruleset.js';
import { RULES_DIR } from '../support/load-rules.js';
import { captureIo, editJson, exemplarRules, PARAMETERS_FILE, POLICY_FILE, removeCopies } from './support.js';

afterAll(removeCopies);

/** The parts of the exemplar policy file these tests break. */
interface PolicyDoc {
  versions: Array<{
    effectiveFrom: string;
    effectiveTo: string | null;
    rules: Array<{ event: { params: { code: string } }; [key: string]: unknown }>;
  }>;
}

describe('lint on the real rules folder', () => {
  it('agrees with the loader: a summary when it loads, every issue when it does not', async () => {
    const expected = loadRuleset(await new FsRuleFileSource(RULES_DIR).readAll(), new AjvSchemaValidator());
    const run = captureIo();
    const code = await lintCommand([], run.io);
    if (expected.ok) {
      expect(code).toBe(0);
      expect(run.stdout()).toMatch(
        /^ok: \d+ polic(y|ies), \d+ parameters?, \d+ suites? \(\d+ cases?\), ruleset sha256:/m,
      );
      expect(run.stdout()).toContain(expected.value.ruleset.hash);
    } else {
      expect(code).toBe(1);
      for (const issue of expected.issues)
        expect(run.stdout()).toContain(
          `${issue.file}${issue.path ? `:${issue.path}` : ''}  ${issue.reason.split('\n')[0]}`,
        );
    }
  });
});

describe('lint on a broken copy of the exemplar', () => {
  it('passes on the untouched copy with a one-line summary', async () => {
    const dir = await exemplarRules();
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(0);
    expect(run.stdout()).toMatch(
      /^ok: 1 policy, 2 parameters, 1 suite \(\d+ cases\), ruleset sha256:[0-9a-f]+$/m,
    );
  });

  it('names file, JSON path and reason for a violation code without messages', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      doc.versions[0]!.rules[2]!.event.params.code = 'X';
    });
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    expect(run.stdout().split('\n')).toContain(
      'albo/payment-deadline.policy.json:/versions/0/rules/2/event/params/code  no messages for code "X"',
    );
  });

  it('names the file and position of invalid JSON', async () => {
    const dir = await exemplarRules();
    await writeFile(join(dir, PARAMETERS_FILE), '{\n  "parameters": {\n    "a": 1,\n  }\n}\n');
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    expect(run.stdout()).toMatch(/^albo\/payment-deadline\.parameters\.json {2}cannot parse: .*line 4/m);
  });

  it('names overlapping versions', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      const first = doc.versions[0]!;
      doc.versions = [
        { ...first, effectiveTo: '2017-06-30' },
        { ...first, effectiveFrom: '2017-01-01', effectiveTo: null },
      ];
    });
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    expect(run.stdout()).toContain(
      'albo/payment-deadline.policy.json:/versions/0/effectiveTo  overlaps the version from 2017-01-01',
    );
  });

  it('names a schema violation with its JSON path', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      doc.versions[0]!.rules[0]!.surprise = true;
    });
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    expect(run.stdout()).toContain('albo/payment-deadline.policy.json:/versions/0/rules/0');
  });

  it('warns, without failing, about files that are none of policy, parameters, suite or schema', async () => {
    const dir = await exemplarRules();
    await writeFile(join(dir, 'albo/payment-deadline.polcy.json'), '{}');
    await writeFile(join(dir, 'albo/notes.txt'), 'to do');
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(0);
    expect(run.stdout()).toMatch(/^albo\/payment-deadline\.polcy\.json {2}warning: /m);
    expect(run.stdout()).toMatch(/^albo\/notes\.txt {2}warning: /m);
  });

  it('warns about a policy without a suite', async () => {
    const dir = await exemplarRules();
    await rm(join(dir, 'albo/payment-deadline.suite.yaml'));
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(0);
    expect(run.stdout()).toContain('policy "albo.payment-deadline" has no suite');
  });

  it('exits 2 when the folder cannot be read', async () => {
    const run = captureIo();
    expect(await lintCommand(['--rules', join(await exemplarRules(), 'missing')], run.io)).toBe(2);
    expect(run.stderr()).toContain('cannot read the rules folder');
  });
});
