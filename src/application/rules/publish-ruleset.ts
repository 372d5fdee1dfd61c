// Publishing a rule set into the shared store [#19] (the OPA-bundle pattern on MongoDB): the whole
// set (policies, parameters, suites, schemas) is judged exactly as a service judges a set before
// serving it (load, every regular expression, every suite with derived coverage); only a set that
// passes is archived under its content hash and recorded as the next publication. Instances that
// follow the store run the same gate again before they serve it.
import type { Clock } from '../ports/clock.js';
import type { PatternChecker } from '../ports/pattern-checker.js';
import type { RuleFile } from '../ports/rule-file-source.js';
import type { RulesetArchive } from '../ports/ruleset-archive.js';
import type { Publication, RulesetPublications } from '../ports/ruleset-publications.js';
import type { SchemaValidator } from '../ports/schema-validator.js';
import { filesHash } from './load-ruleset.js';
import { type LocatedIssue, locateIssue } from './problems.js';
import { gateCandidate } from './suite-gate.js';

export interface PublishDeps {
  validator: SchemaValidator;
  patterns: PatternChecker;
  archive: RulesetArchive;
  publications: RulesetPublications;
  clock: Clock;
}

export interface PublishRequest {
  files: readonly RuleFile[];
  by: string;
  reason: string;
}

export type PublishResult =
  /** `recorded: false`: the latest publication already had this hash, nothing new was recorded. */
  | { ok: true; recorded: boolean; publication: Publication }
  /** Refused: every problem, located in its file (a failing case names its suite file and case). */
  | { ok: false; code: 'RULES_INVALID'; hash: string; issues: LocatedIssue[] };

export async function publishRuleset(deps: PublishDeps, request: PublishRequest): Promise<PublishResult> {
  const files = request.files.map(({ path, content }) => ({ path, content }));
  const hash = filesHash(files);
  const gate = await gateCandidate(files, deps.validator, {
    patterns: deps.patterns,
    suiteGate: true,
    now: deps.clock.now(),
  });
  if (!gate.ok)
    return { ok: false, code: 'RULES_INVALID', hash, issues: gate.issues.map((i) => locateIssue(i, files)) };
  // The archive first: a publication never names files that are not there to read.
  await deps.archive.put(hash, files);
  const recorded = await deps.publications.record({
    hash,
    rulesetHash: gate.value.ruleset.hash,
    by: request.by,
    at: deps.clock.now().toISOString(),
    reason: request.reason,
  });
  return { ok: true, ...recorded };
}
