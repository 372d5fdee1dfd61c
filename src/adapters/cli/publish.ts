// `pa-policy publish`: puts a rules folder in force for every instance that follows the store
// (RULES_SOURCE=store) [#19]. Refused unless the folder loads and every suite passes with derived
// coverage, exactly as a service judges a set before serving it; then archived by content hash and
// recorded as the next publication with who, when and why. The same set as the latest publication
// records nothing.
import { parseArgs } from 'node:util';
import { publishRuleset } from '../../application/rules/publish-ruleset.js';
import { MongoRulesetArchive } from '../mongo/mongo-ruleset-archive.js';
import { MongoRulesetPublications } from '../mongo/mongo-ruleset-publications.js';
import { AjvSchemaValidator } from '../rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../rules/fs-rule-file-source.js';
import { RecheckPatternChecker } from '../rules/recheck-pattern-checker.js';
import { systemClock } from '../system/system-clock.js';
import { type CliIo, type ExitCode, line, paintFor } from './io.js';
import { connectForCli } from './mongo-connect.js';
import { printIssues, rulesDirFrom } from './rules-folder.js';
import { plural } from './values.js';

export async function publishCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      rules: { type: 'string' },
      by: { type: 'string' },
      reason: { type: 'string' },
      mongodb: { type: 'string' },
    },
    strict: true,
  });
  const by = values.by?.trim();
  const reason = values.reason?.trim();
  if (!by || !reason) {
    line(io.stderr, 'usage: pa-policy publish [--rules DIR] --by WHO --reason WHY (see --help)');
    return 2;
  }
  const uri = values.mongodb ?? (io.env ?? process.env).MONGODB_URI?.trim();
  if (!uri) {
    line(io.stderr, 'MONGODB_URI is not set (or give --mongodb URI): publications are kept in MongoDB');
    return 2;
  }
  const dir = rulesDirFrom(values.rules);
  let files: Awaited<ReturnType<FsRuleFileSource['readAll']>>;
  try {
    files = await new FsRuleFileSource(dir).readAll();
  } catch (e) {
    line(io.stderr, `cannot read the rules folder ${dir}: ${(e as Error).message}`);
    return 2;
  }
  const mongo = await connectForCli(uri, io);
  if (!mongo) return 2;
  const paint = paintFor(io);
  try {
    const result = await publishRuleset(
      {
        validator: new AjvSchemaValidator(),
        patterns: new RecheckPatternChecker(),
        archive: new MongoRulesetArchive(mongo.db),
        publications: new MongoRulesetPublications(mongo.db),
        clock: systemClock,
      },
      { files, by, reason },
    );
    if (!result.ok) {
      printIssues(result.issues, files, io.stderr);
      line(
        io.stderr,
        paint.bad(`refused: ${plural(result.issues.length, 'problem')} in ${dir}; nothing was published`),
      );
      return 1;
    }
    const p = result.publication;
    const what = `files ${p.hash} (ruleset ${p.rulesetHash})`;
    line(
      io.stdout,
      result.recorded
        ? paint.good(`published ${what} as publication ${p.sequence}, by ${p.by} at ${p.at}: ${p.reason}`)
        : `${what} is already the latest publication (${p.sequence}, by ${p.by} at ${p.at}); nothing recorded`,
    );
    return 0;
  } finally {
    await mongo.close();
  }
}
