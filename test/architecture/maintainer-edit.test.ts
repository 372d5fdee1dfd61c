// [#17] A maintainer's honest edit of rules/ (a parameter value and its suite) must keep `npm test`
// green: the checks that read the live folder are only lint and the auditor suites, and they pass
// on the edited copy; every other test runs on the fixture rule set under test/fixtures/rules.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { lintCommand } from '../../src/adapters/cli/lint.js';
import { testCommand } from '../../src/adapters/cli/test-command.js';
import { captureIo } from '../cli/support.js';
import { LIVE_RULES_DIR } from '../support/load-rules.js';

let copy: string | null = null;
afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

const TEST_DIR = new URL('..', import.meta.url).pathname;
/**
 * The only tests that may read the live rules/: they hold whatever values a maintainer sets (the
 * suites, compiled vs reference) or read only the schemas, which are the mechanism's (functions).
 */
const LIVE_READERS = [
  'rules/suites.test.ts',
  'compile/differential.property.test.ts',
  'architecture/maintainer-edit.test.ts',
  'cli/functions.test.ts',
];

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(TEST_DIR, join(e.parentPath, e.name)))
    .filter((path) => !path.startsWith('fixtures/'));
}

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('a maintainer edit of the live rules', () => {
  it('only the auditor suites and the compiled-vs-reference check read rules/', async () => {
    const readers: string[] = [];
    for (const file of await testFiles(TEST_DIR)) {
      const text = await readFile(join(TEST_DIR, file), 'utf8');
      if (/LIVE_RULES_DIR|loadLiveRules|['"](\.\.\/)+rules\//.test(text)) readers.push(file);
    }
    expect(readers.filter((f) => !f.startsWith('support/')).sort()).toEqual([...LIVE_READERS].sort());
  });

  it('a new dated deadline and its suite case keep lint and the suites green', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'maintainer-edit-'));
    copy = dir;
    await cp(LIVE_RULES_DIR, dir, { recursive: true });
    const parametersFile = join(dir, 'albo/payment-deadline.parameters.json');
    const parameters = JSON.parse(await readFile(parametersFile, 'utf8'));
    const deadline = parameters.parameters['albo.payment.deadline'];
    const last = deadline.history.at(-1);
    // A further extension decided far ahead, so the suite's undated cases (asked today) keep their answers.
    const moved = Object.fromEntries(
      Object.entries(last.value as Record<string, string>).map(([y, d]) => [y, dayAfter(d)]),
    );
    const [year, newDeadline] = Object.entries(moved)[0] as [string, string];
    deadline.history.push({ from: '2090-01-01', value: moved, source: 'A maintainer test: one more day' });
    await writeFile(parametersFile, `${JSON.stringify(parameters, null, 4)}\n`);

    const suiteFile = join(dir, 'albo/payment-deadline.suite.yaml');
    const suite = parse(await readFile(suiteFile, 'utf8'));
    suite.cases.push(
      {
        name: 'Asked after the further extension, a payment on the new last day is on time',
        at: '2090-01-02',
        facts: { year: Number(year), paymentDate: newDeadline },
        expect: { outcome: 'allow', outputs: { deadline: newDeadline } },
      },
      {
        name: 'Asked after the further extension, a payment the day after the new last day is late',
        at: '2090-01-02',
        facts: { year: Number(year), paymentDate: dayAfter(newDeadline) },
        expect: { outcome: 'deny', violations: ['DEADLINE_PASSED'] },
      },
    );
    await writeFile(suiteFile, stringify(suite));

    const lint = captureIo();
    expect(await lintCommand(['--rules', dir], lint.io), lint.stdout() + lint.stderr()).toBe(0);
    const suites = captureIo();
    expect(await testCommand(['--rules', dir], suites.io), suites.stdout() + suites.stderr()).toBe(0);
    expect(suites.stdout()).toContain(
      '✓ Asked after the further extension, a payment on the new last day is on time',
    );
  });
});
