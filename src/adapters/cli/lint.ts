// `pa-policy lint`: validates the whole rules/ folder as the service would load it [E-RELOAD], so a
// maintainer sees every problem (`file:line:column  reason (/json/pointer)`) before the service
// rejects the edit, and the files hash the rules status compares with the set serving.
import { parseArgs } from 'node:util';
import { filesHash, kindOf } from '../../application/rules/load-ruleset.js';
import { type CliIo, type ExitCode, line, paintFor } from './io.js';
import { listFiles, loadRulesFolder, printIssues, rulesDirFrom } from './rules-folder.js';
import { plural } from './values.js';

export async function lintCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({ args, options: { rules: { type: 'string' } }, strict: true });
  const dir = rulesDirFrom(values.rules);
  const paint = paintFor(io);
  const load = await loadRulesFolder(dir, io);
  if (!load) return 2;

  // Not an error: but a file the loader skips is often a typo (`x.polcy.json`) that silently does nothing.
  for (const path of await listFiles(dir))
    if (kindOf(path) === 'other')
      line(
        io.stdout,
        paint.warn(`${path}  warning: not a policy, parameters, suite or schema file; ignored`),
      );

  if (!load.ok) {
    printIssues(load.issues, load.files, io.stdout);
    line(
      io.stdout,
      paint.bad(
        `${plural(load.issues.length, 'issue')}: the rules folder would be rejected (files ${filesHash(load.files)})`,
      ),
    );
    return 1;
  }
  const { ruleset, suites } = load.loaded;
  const withSuite = new Set(suites.map((s) => s.policy));
  for (const policy of ruleset.policies.values())
    if (!withSuite.has(policy.id))
      line(io.stdout, paint.warn(`${policy.file}  warning: policy "${policy.id}" has no suite`));
  const cases = suites.reduce((n, s) => n + s.cases.length, 0);
  line(
    io.stdout,
    paint.good(
      `ok: ${plural(ruleset.policies.size, 'policy', 'policies')}, ${plural(ruleset.parameters.size, 'parameter')}, ` +
        `${plural(suites.length, 'suite')} (${plural(cases, 'case')}), ruleset ${ruleset.hash}, ` +
        `files ${filesHash(load.files)}`,
    ),
  );
  return 0;
}
