// `pa-policy impact`: a decision log export and the suites, evaluated before and after an edit.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { impactCommand } from '../../src/adapters/cli/impact.js';
import { runCli } from '../../src/adapters/cli/main.js';
import { latestDecisions } from '../../src/application/decisions/latest-decisions.js';
import { serviceWithDecisions, shortenExtension } from '../application/impact-support.js';
import { captureIo, exemplarRules, removeCopies } from './support.js';

afterAll(removeCopies);

describe('impact', () => {
  it('names the decisions of an NDJSON export whose outcome changes, with before → after', async () => {
    const { dir, log, ids } = await serviceWithDecisions(['2017-01-20', '2017-02-20', '2017-03-05']);
    const before = await exemplarRules();
    await shortenExtension(dir);
    const exported = join(dir, 'decisions.ndjson');
    const logged = await latestDecisions(log, { limit: 10 });
    await writeFile(exported, logged.map((d) => JSON.stringify(d)).join('\n'));

    const run = captureIo();
    expect(await impactCommand(['--from', before, '--to', dir, '--decisions', exported], run.io)).toBe(0);
    const out = run.stdout();
    const late = ids.get('2017-02-20');
    expect(out).toMatch(
      /albo\.payment-deadline {2}decisions 3 · cases \d+ {2}\d+ changed \(outcome 2, violations 2, outputs \d+\)/,
    );
    expect(out).toContain(`decision ${late}  at 2017-02-20`);
    expect(out).toContain('outcome: allow → deny');
    expect(out).toContain('violations: [] → [DEADLINE_PASSED]');
    expect(out).toContain('outputs.deadline: "2017-02-28" → "2017-02-15"');
    expect(out).toContain(`outcome changes: ${late}`);

    const json = captureIo();
    expect(
      await impactCommand(
        ['--from', before, '--to', dir, '--decisions', exported, '--json', '--no-cases'],
        json.io,
      ),
    ).toBe(0);
    const report = JSON.parse(json.stdout());
    expect(report.changedOutcomes).toEqual([late]);
    expect(report.cases).toBe(0);

    // The same export as a JSON array.
    await writeFile(exported, JSON.stringify(logged));
    const array = captureIo();
    expect(
      await impactCommand(['--from', before, '--to', dir, '--decisions', exported, '--json'], array.io),
    ).toBe(0);
    expect(JSON.parse(array.stdout()).changedOutcomes).toEqual([late]);
  });

  it('exits 2 without --from, for a hash without --mongodb, and for an unreadable export', async () => {
    const dir = await exemplarRules();
    const none = captureIo();
    expect(await impactCommand(['--to', dir], none.io)).toBe(2);
    expect(none.stderr()).toContain('usage: pa-policy impact');
    const hash = captureIo();
    expect(await impactCommand(['--from', 'sha256:0123456789abcdef', '--to', dir], hash.io)).toBe(2);
    expect(hash.stderr()).toContain('give --mongodb URI');
    const missing = captureIo();
    expect(
      await impactCommand(['--from', dir, '--to', dir, '--decisions', join(dir, 'nope.json')], missing.io),
    ).toBe(2);
    expect(missing.stderr()).toContain('cannot read the decisions');
  });

  it('is listed in the CLI usage', async () => {
    const run = captureIo();
    expect(await runCli(['impact', '--help'], run.io)).toBe(0);
    expect(run.stdout()).toContain('pa-policy impact --from DIR|HASH');
  });
});
