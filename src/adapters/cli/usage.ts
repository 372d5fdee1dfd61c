// `--help` texts, one per command, kept beside each other so they stay consistent.

export const COMMAND_USAGE = {
  lint: `pa-policy lint [--rules DIR]

  Loads the whole rules folder as the service would (every regular expression checked for
  catastrophic backtracking) and prints every problem as file:line:column  reason (/json/pointer),
  then the folder's files hash (the one GET /v1/rules/status shows). Warns about files that are not
  policies, parameters, suites or schemas, and about policies without a suite. Exit 1 when the
  folder would be rejected.`,
  test: `pa-policy test [--rules DIR] [--policy ID]... [--junit FILE] [--json] [--no-coverage]

  Runs every auditor suite (*.suite.yaml) and prints each case (✓/✗) with a diff under each
  failure, then the coverage table: each rule must be seen firing and not firing.
  The last line is "N passed, N failed". Exit 1 when a case fails, a rule is not covered
  both ways, or a policy has no suite.
    --policy ID     only this policy (repeatable)
    --junit FILE    also write JUnit XML (one testsuite per policy, plus "coverage")
    --json          print the report as JSON instead of text
    --no-coverage   skip the rule coverage check (not the cases, not the missing suites)`,
  explain: `pa-policy explain <policy> --facts FILE|- [--at YYYY-MM-DD] [--width N] [--json] [--rules DIR]

  Evaluates one policy on the facts in FILE (JSON or YAML; - reads stdin) and prints the
  outcome, violations, outputs, every rule with its condition tree and the values seen,
  the derived facts, and the parameters used with their dates and sources. Values are
  shown whole; amounts in cents (names ending in Cents) also in euro. A violation rule
  reads "requirement met" when its breach was not seen, "requirement broken" when it was.
    --at DATE       evaluation date (default: the policy's date fact, else today in Europe/Rome)
    --width N       wrap longer lines at N characters (default: the terminal's width; 0 never)
    --json          print the raw decision JSON with its trace
  Exit 2 when the facts are invalid or the policy is unknown.`,
  impact: `pa-policy impact --from DIR|HASH [--to DIR] [--decisions FILE | --mongodb URI] [--since WHEN]
                 [--limit N] [--policy ID]... [--examples N] [--no-cases] [--json]

  What an edit of the rules changes: evaluates logged decisions and every suite case under
  the rule set before (--from) and after (--to) and prints, per policy, how many outcomes,
  violations and outputs change, with examples (decision id or case, before → after), then
  the ids of the logged decisions that change.
    --from DIR|HASH   the set before: a rules folder, or a hash (sha256:…) archived in MongoDB
    --to DIR          the set after (default: --rules, else the repository's rules/)
    --decisions FILE  a decision log export: a JSON array, or NDJSON (one decision per line)
    --mongodb URI     read the latest decisions (and a --from HASH) from MongoDB's decision log
    --since WHEN      only decisions logged at or after WHEN (ISO date or instant)
    --limit N         the latest N decisions (default 1000)
    --no-cases        skip the suite cases
  Exit 0 when it ran (changes are findings to read, not failures), 2 when it could not.`,
  functions: `pa-policy functions [--json]

  Lists every expression function (for computed facts and outputs) and every condition
  operator a rule file may use, each with its arguments and an example. The policy schema
  (rules/schema/policy.schema.json) enumerates the same names, so editors complete them.`,
  publish: `pa-policy publish [--rules DIR] --by WHO --reason WHY [--mongodb URI]

  Publishes the rules folder to every service instance that follows the store
  (RULES_SOURCE=store): refused unless it loads and every suite passes with coverage, as a
  service judges a set before serving it. The set is archived by content hash (immutable) and
  recorded as the next publication with WHO, the time and WHY, in the MongoDB of MONGODB_URI
  (or --mongodb). Instances serve it within RULES_STORE_POLL_MS plus their own check.
  Publishing the set that is already the latest publication records nothing (exit 0).
  Exit 1 when refused (every problem printed as file:line:column  reason), 2 when it could not run.`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const USAGE = `pa-policy — tools for policy maintainers and auditors

${Object.values(COMMAND_USAGE).join('\n\n')}

All commands read the repository's rules/ folder unless --rules DIR is given.
Exit codes: 0 ok, 1 problems found, 2 could not run (bad arguments, unreadable input).`;
