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
  explain: `pa-policy explain <policy> --facts FILE|- [--at YYYY-MM-DD] [--json] [--rules DIR]

  Evaluates one policy on the facts in FILE (JSON or YAML; - reads stdin) and prints the
  outcome, violations, outputs, every rule with its condition tree and the values seen,
  the derived facts, and the parameters used with their dates and sources.
    --at DATE       evaluation date (default: the policy's date fact, else today in Europe/Rome)
    --json          print the raw decision JSON with its trace
  Exit 2 when the facts are invalid or the policy is unknown.`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const USAGE = `pa-policy — tools for policy maintainers and auditors

${Object.values(COMMAND_USAGE).join('\n\n')}

All commands read the repository's rules/ folder unless --rules DIR is given.
Exit codes: 0 ok, 1 problems found, 2 could not run (bad arguments, unreadable input).`;
