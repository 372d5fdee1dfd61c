// `pa-policy lint` [E-RELOAD]: every problem as `file:line:column  reason (/json/pointer)`.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintCommand } from '../../src/adapters/cli/lint.js';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../../src/adapters/rules/fs-rule-file-source.js';
import { RecheckPatternChecker } from '../../src/adapters/rules/recheck-pattern-checker.js';
import { filesHash, loadCheckedRuleset } from '../../src/application/rules/load-ruleset.js';
import { formatIssues } from '../../src/application/rules/problems.js';
import { defined } from '../support/defined.js';
import { RULES_DIR } from '../support/load-rules.js';
import { captureIo, editJson, exemplarRules, PARAMETERS_FILE, POLICY_FILE, removeCopies } from './support.js';

afterAll(removeCopies);

/** `line:column` of the first occurrence of `needle` in a file of the copy. */
async function where(dir: string, file: string, needle: string): Promise<string> {
  const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return `${line + 1}:${(lines[line] ?? '').indexOf(needle) + 1}`;
}

/** The parts of the exemplar policy file these tests break. */
interface PolicyDoc {
  versions: Array<{
    effectiveFrom: string;
    effectiveTo: string | null;
    rules: Array<{ event: { params: { code: string } }; [key: string]: unknown }>;
  }>;
}

const firstVersion = (doc: PolicyDoc) => defined(doc.versions[0], 'a first version');

describe('lint on the real rules folder', () => {
  it('agrees with the loader: a summary when it loads, every issue when it does not', async () => {
    const files = await new FsRuleFileSource(RULES_DIR).readAll();
    const expected = await loadCheckedRuleset(files, new AjvSchemaValidator(), new RecheckPatternChecker());
    const run = captureIo();
    const code = await lintCommand([], run.io);
    if (expected.ok) {
      expect(code).toBe(0);
      expect(run.stdout()).toMatch(
        /^ok: \d+ polic(y|ies), \d+ parameters?, \d+ suites? \(\d+ cases?\), ruleset sha256:/m,
      );
      expect(run.stdout()).toContain(`ruleset ${expected.value.ruleset.hash}, files ${filesHash(files)}`);
    } else {
      expect(code).toBe(1);
      for (const text of formatIssues(expected.issues, files)) expect(run.stdout()).toContain(text);
    }
  });
});

describe('lint on a broken copy of the exemplar', () => {
  it('passes on the untouched copy with a one-line summary', async () => {
    const dir = await exemplarRules();
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(0);
    expect(run.stdout()).toMatch(
      /^ok: 1 policy, 2 parameters, 1 suite \(\d+ cases\), ruleset sha256:[0-9a-f]+, files sha256:[0-9a-f]+$/m,
    );
  });

  it('names file, line, column, reason and JSON path for a violation code without messages', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      defined(firstVersion(doc).rules[2], 'a third rule').event.params.code = 'X';
    });
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    const at = await where(dir, POLICY_FILE, '"code": "X"');
    expect(run.stdout().split('\n')).toContain(
      `albo/payment-deadline.policy.json:${at}  no messages for code "X" (/versions/0/rules/2/event/params/code)`,
    );
  });

  it('names the file and position of invalid JSON', async () => {
    const dir = await exemplarRules();
    await writeFile(join(dir, PARAMETERS_FILE), '{\n  "parameters": {\n    "a": 1,\n  }\n}\n');
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    expect(run.stdout()).toMatch(/^albo\/payment-deadline\.parameters\.json:4:3 {2}cannot parse: /m);
  });

  it('names overlapping versions', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      const first = firstVersion(doc);
      doc.versions = [
        { ...first, effectiveTo: '2017-06-30' },
        { ...first, effectiveFrom: '2017-01-01', effectiveTo: null },
      ];
    });
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    const at = await where(dir, POLICY_FILE, '"effectiveTo": "2017-06-30"');
    expect(run.stdout()).toContain(
      `albo/payment-deadline.policy.json:${at}  overlaps the version from 2017-01-01 (/versions/0/effectiveTo)`,
    );
  });

  it('names a schema violation with its JSON path', async () => {
    const dir = await exemplarRules();
    await editJson<PolicyDoc>(dir, POLICY_FILE, (doc) => {
      defined(firstVersion(doc).rules[0], 'a first rule').surprise = true;
    });
    const run = captureIo();
    expect(await lintCommand(['--rules', dir], run.io)).toBe(1);
    const at = await where(dir, POLICY_FILE, '"surprise"');
    expect(run.stdout()).toContain(
      `albo/payment-deadline.policy.json:${at}  unknown field (/versions/0/rules/0/surprise)`,
    );
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
